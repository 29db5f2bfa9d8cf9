#!/usr/bin/env python3
"""Writes samples/*.http and expected/*.json of the telephony channel contract.

Test-only keys (README): Twilio account AC0123456789abcdef0123456789abcdef with auth token
test-only-twilio-auth-token-0001 and public base URL https://hotline.example.gov.cn; CTI source
`pbx` with secret whsec_dGVzdC1vbmx5LWN0aS1zb3VyY2Utc2VjcmV0LTMyYiE=; Zammad-style integration
`asterisk` with token test-only-zammad-token-0123456789; test clock 1768444200
(2026-01-15T02:30:00Z). Needs only python3; re-running gives the same bytes.
"""
import base64, hashlib, hmac, json, os
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
NOW, TIME = 1768444200, "2026-01-15T02:30:00Z"
PSEUDONYM_KEY = b"test-only-pseudonym-key-0123456789abcdef"
SID, TOKEN, BASE = "AC0123456789abcdef0123456789abcdef", "test-only-twilio-auth-token-0001", "https://hotline.example.gov.cn"
CTI_KEY = base64.b64decode("dGVzdC1vbmx5LWN0aS1zb3VyY2Utc2VjcmV0LTMyYiE=")
ZAMMAD = "test-only-zammad-token-0123456789"
CALL = "CA" + "5c3f" * 8
REC = "RE" + "7a1d" * 8
TR = "TR" + "2b9e" * 8
QU = "QU" + "0c4a" * 8
REC_URL = "https://api.twilio.com/2010-04-01/Accounts/%s/Recordings/%s" % (SID, REC)


def pseudonym(scheme, ident):
    mac = hmac.new(PSEUDONYM_KEY, ("%s:%s" % (scheme, ident)).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def form(pairs):
    return "&".join(quote(k, safe="") + "=" + quote(v, safe="") for k, v in pairs).encode()


def twilio_sig(uri, pairs, token=TOKEN):
    s = BASE + uri
    for k in sorted(set(k for k, _ in pairs)):
        for v in sorted(set(v for kk, v in pairs if kk == k)):
            s += k + v
    return base64.b64encode(hmac.new(token.encode(), s.encode(), hashlib.sha1).digest()).decode()


def write_http(name, uri, ctype, body, headers=()):
    head = ["POST %s HTTP/1.1" % uri, "Host: hotline.example.gov.cn", "Content-Type: " + ctype]
    head += ["%s: %s" % h for h in headers]
    head.append("Content-Length: %d" % len(body))
    with open(os.path.join(HERE, "samples", name + ".http"), "wb") as f:
        f.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)


def write_expected(name, doc):
    path = os.path.join(HERE, "expected", name + ".json")
    doc = with_door_fields(path, doc)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


# ack / retryAck / door are the door's part of the contract (ChannelDoorContractIT): kept from the
# existing file, since only the running gateway shows them.
def with_door_fields(path, doc):
    try:
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
    except FileNotFoundError:
        return doc
    out = {}
    after = "code" if doc.get("outcome") == "rejected" else "outcome"
    for key, value in doc.items():
        out[key] = value
        if key == after:
            out.update({k: old[k] for k in ("ack", "retryAck") if k in old})
    if "door" in old:
        out["door"] = old["door"]
    return out


def rejected(name, status, code, comment):
    write_expected(name, {"$comment": comment, "outcome": "rejected", "status": status, "code": code})


def citizen(account, call_id, number=None, e164=None):
    if e164:
        return {"pseudonym": pseudonym("PHONE", e164), "scheme": "phone", "contact": {"$sealed": {"phone": e164}}}
    c = {"pseudonym": pseudonym("ANONYMOUS", "call:%s:%s" % (account, call_id)), "scheme": "anonymous"}
    if number:
        c["contact"] = {"$sealed": {"phone": number}}
    return c


def accepted(name, account, call_id, kind, who, channel_data, text=None, attachment=None):
    data = {"messageId": "<uuid7:message>", "channel": "telephony", "account": account, "kind": "call",
            "channelMessageId": "%s:%s" % (call_id, kind), "receivedAt": TIME, "citizen": who}
    if text:
        data["text"] = text
    if attachment:
        data["attachments"] = [attachment]
    data["channelData"] = dict(sorted(channel_data.items()))
    event = {"specversion": "1.0", "id": "<uuid7:message>", "source": "/channels/telephony/" + account,
             "type": "cn.gov12345.intake.message.received.v1", "time": TIME,
             "datacontenttype": "application/json",
             "dataschema": "urn:cn-gov12345:intake:schema:cn.gov12345.intake.message.received.v1",
             "partitionkey": who["pseudonym"], "data": data}
    write_expected(name, {"outcome": "accepted", "messages": [event], "tickets": []})


# ---- Twilio ------------------------------------------------------------------------------------

def twilio(name, hook, pairs, sig=None, body=None):
    uri = "/channels/telephony/twilio/hotline/" + hook
    b = body if body is not None else form(pairs)
    write_http(name, uri, "application/x-www-form-urlencoded",
               b, [("X-Twilio-Signature", sig or twilio_sig(uri, pairs)), ("I-Twilio-Idempotency-Token", "idem-" + name)])


def call_pairs(frm="+8613800138000", status=None, more=()):
    p = [("AccountSid", SID), ("ApiVersion", "2010-04-01"), ("CallSid", CALL)]
    if status:
        p.append(("CallStatus", status))
    p += [("Called", "+8610012345"), ("Direction", "inbound")]
    if frm is not None:
        p += [("From", frm), ("Caller", frm)]
    p += [("To", "+8610012345")] + list(more)
    return p


def twilio_data(status=None, extra=None, event="ringing", caller="number", direction=True):
    d = {"ApiVersion": "2010-04-01", "callId": CALL, "callEvent": event, "caller": caller, "eventAt": TIME}
    if direction:
        d.update({"Direction": "inbound", "direction": "inbound"})
    if status:
        d["CallStatus"] = status
    d.update(extra or {})
    return d


ACC_T = "twilio-hotline"
MOBILE = citizen(ACC_T, CALL, e164="+8613800138000")

twilio("twilio-voice-incoming-call", "voice", call_pairs(status="ringing"))
accepted("twilio-voice-incoming-call", ACC_T, CALL, "ringing", MOBILE, twilio_data("ringing"))

twilio("twilio-status-completed", "status",
       call_pairs(status="completed", more=[("CallDuration", "95"), ("SequenceNumber", "3"),
                                            ("Timestamp", "Thu, 15 Jan 2026 02:29:55 +0000")]))
accepted("twilio-status-completed", ACC_T, CALL, "completed", MOBILE,
         twilio_data("completed", {"CallDuration": "95", "SequenceNumber": "3", "cause": "completed",
                                   "durationSeconds": "95", "eventAt": "2026-01-15T02:29:55Z"}, "completed"))

twilio("twilio-status-canceled-landline", "status",
       call_pairs(frm="+861088886666", status="canceled", more=[("SequenceNumber", "2")]))
accepted("twilio-status-canceled-landline", ACC_T, CALL, "abandoned", citizen(ACC_T, CALL, e164="+861088886666"),
         twilio_data("canceled", {"SequenceNumber": "2", "cause": "canceled"}, "abandoned"))

twilio("twilio-status-no-answer-withheld", "status",
       call_pairs(frm="+266696687", status="no-answer", more=[("SequenceNumber", "1")]))
accepted("twilio-status-no-answer-withheld", ACC_T, CALL, "missed", citizen(ACC_T, CALL),
         twilio_data("no-answer", {"SequenceNumber": "1", "cause": "no-answer"}, "missed", "withheld"))

rec_pairs = [("AccountSid", SID), ("CallSid", CALL), ("RecordingChannels", "1"), ("RecordingDuration", "42"),
             ("RecordingSid", REC), ("RecordingSource", "RecordVerb"), ("RecordingStartTime", "Thu, 15 Jan 2026 02:28:30 +0000"),
             ("RecordingStatus", "completed"), ("RecordingUrl", REC_URL)]
twilio("twilio-recording-completed", "recording", rec_pairs)
accepted("twilio-recording-completed", ACC_T, CALL, "recording", citizen(ACC_T, CALL),
         {"callId": CALL, "callEvent": "recording", "caller": "absent", "eventAt": TIME,
          "RecordingDuration": "42", "RecordingSid": REC, "RecordingStatus": "completed"},
         attachment={"uri": REC_URL, "name": REC})

TEXT = "我家楼下的路灯坏了一个星期，晚上很黑，希望尽快修好。"
tr_pairs = call_pairs(status="completed", more=[("RecordingSid", REC), ("RecordingUrl", REC_URL),
                                               ("TranscriptionSid", TR), ("TranscriptionStatus", "completed"),
                                               ("TranscriptionText", TEXT)])
twilio("twilio-transcription", "transcription", tr_pairs)
accepted("twilio-transcription", ACC_T, CALL, "transcript", MOBILE,
         twilio_data("completed", {"RecordingSid": REC, "TranscriptionSid": TR, "TranscriptionStatus": "completed"},
                     "transcript"), text=TEXT)

q_pairs = call_pairs(status="in-progress", more=[("QueueResult", "hangup"), ("QueueSid", QU), ("QueueTime", "87")])
twilio("twilio-queue-hangup", "queue", q_pairs)
accepted("twilio-queue-hangup", ACC_T, CALL, "abandoned", MOBILE,
         twilio_data("in-progress", {"QueueResult": "hangup", "QueueTime": "87", "cause": "queue-hangup",
                                     "queueWaitSeconds": "87"}, "abandoned"))

twilio("twilio-rejected-forged-signature", "status", call_pairs(status="completed"),
       sig=twilio_sig("/channels/telephony/twilio/hotline/status", call_pairs(status="completed"), "not-the-token-00"))
rejected("twilio-rejected-forged-signature", 401, "invalid_signature", "Signed with another auth token.")

signed = twilio_sig("/channels/telephony/twilio/hotline/status", call_pairs(status="completed"))
twilio("twilio-rejected-one-character-changed", "status", call_pairs(status="completed", frm="+8613800138001"), sig=signed)
rejected("twilio-rejected-one-character-changed", 401, "invalid_signature",
         "The signature of the genuine request; one digit of From changed afterwards.")

other = [("AccountSid", "AC" + "f" * 32)] + call_pairs(status="completed")[1:]
twilio("twilio-rejected-other-account", "status", other)
rejected("twilio-rejected-other-account", 401, "account_mismatch",
         "Correctly signed with this token, but for another AccountSid.")

twilio("twilio-rejected-unknown-status", "status", call_pairs(status="exploded"))
rejected("twilio-rejected-unknown-status", 400, "invalid_call_event", "CallStatus is not one of Twilio's.")

twilio("twilio-rejected-broken-escape", "status", [], body=b"CallSid=CA%ZZ&AccountSid=" + SID.encode())
rejected("twilio-rejected-broken-escape", 400, "invalid_request", "A truncated percent escape.")

twilio("twilio-rejected-latin1-form", "status", [], body=b"CallSid=" + CALL.encode() + b"&TranscriptionText=caf%E9")
rejected("twilio-rejected-latin1-form", 400, "invalid_request", "ISO-8859-1 bytes where UTF-8 is required.")

evil = [p if p[0] != "RecordingUrl" else ("RecordingUrl", "https://evil.example/steal") for p in rec_pairs]
twilio("twilio-rejected-recording-elsewhere", "recording", evil)
rejected("twilio-rejected-recording-elsewhere", 400, "invalid_call_event",
         "A correctly signed recording URL outside recordingUrlPrefix is never fetched.")

# ---- generic CTI JSON --------------------------------------------------------------------------

ACC_C = "cti-pbx"


def cti(name, doc, ts=NOW - 3, key=CTI_KEY, raw=None):
    body = raw if raw is not None else json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    wid = "msg_" + hashlib.sha256(name.encode()).hexdigest()[:24]
    mac = hmac.new(key, ("%s.%d." % (wid, ts)).encode() + body, hashlib.sha256).digest()
    write_http(name, "/channels/telephony/cti/pbx", "application/json", body,
               [("webhook-id", wid), ("webhook-timestamp", str(ts)),
                ("webhook-signature", "v1," + base64.b64encode(mac).decode())])


def cti_doc(event, caller="13800138000", **more):
    d = {"callId": "pbx-20260115-000123", "event": event, "timestamp": "2026-01-15T02:29:40Z",
         "sequence": 1, "direction": "inbound", "caller": caller, "callee": "12345"}
    d.update(more)
    return d


def cti_data(event, kind, caller="number", **more):
    d = {"callId": "pbx-20260115-000123", "callEvent": kind, "caller": caller, "direction": "inbound",
         "event": event, "eventAt": "2026-01-15T02:29:40Z", "sequence": "1"}
    d.update(more)
    return d


CID = "pbx-20260115-000123"
CTI_MOBILE = citizen(ACC_C, CID, e164="+8613800138000")

cti("cti-ringing", cti_doc("ringing"))
accepted("cti-ringing", ACC_C, CID, "ringing", CTI_MOBILE, cti_data("ringing", "ringing"))

cti("cti-queued", cti_doc("queued", sequence=2, queue="general"))
accepted("cti-queued", ACC_C, CID, "queued", CTI_MOBILE, cti_data("queued", "queued", sequence="2", queue="general"))

cti("cti-answered", cti_doc("answered", sequence=3, agent="agent-0107"))
accepted("cti-answered", ACC_C, CID, "answered", CTI_MOBILE,
         cti_data("answered", "answered", sequence="3", agent="agent-0107"))

cti("cti-transferred", cti_doc("transferred", sequence=4, agent="agent-0212"))
accepted("cti-transferred", ACC_C, CID, "transferred", CTI_MOBILE,
         cti_data("transferred", "transferred", sequence="4", agent="agent-0212"))

cti("cti-ended-answered", cti_doc("ended", sequence=5, answeredAt="2026-01-15T02:27:10Z", durationSeconds=150,
                                  queueWaitSeconds=35, agent="agent-0107", cause="normal"))
accepted("cti-ended-answered", ACC_C, CID, "completed", CTI_MOBILE,
         cti_data("ended", "completed", sequence="5", agent="agent-0107", cause="normal", durationSeconds="150",
                  queueWaitSeconds="35"))

cti("cti-abandoned-in-queue", cti_doc("abandoned", sequence=3, queueWaitSeconds=118))
accepted("cti-abandoned-in-queue", ACC_C, CID, "abandoned", CTI_MOBILE,
         cti_data("abandoned", "abandoned", sequence="3", cause="abandoned", queueWaitSeconds="118"))

cti("cti-voicemail-service-number", cti_doc("voicemail", caller="400-812-3123", sequence=4))
accepted("cti-voicemail-service-number", ACC_C, CID, "voicemail", citizen(ACC_C, CID, e164="+864008123123"),
         cti_data("voicemail", "voicemail", sequence="4", cause="voicemail"))

cti("cti-ringing-short-number", cti_doc("ringing", caller="95588"))
accepted("cti-ringing-short-number", ACC_C, CID, "ringing", citizen(ACC_C, CID, e164="+8695588"),
         cti_data("ringing", "ringing"))

cti("cti-ringing-local-number-without-area-code", cti_doc("ringing", caller="8888666"))
accepted("cti-ringing-local-number-without-area-code", ACC_C, CID, "ringing", citizen(ACC_C, CID, number="8888666"),
         cti_data("ringing", "ringing"))

PBX_REC = "https://pbx.example.gov.cn/recordings/pbx-20260115-000123.wav?sig=abc123"
cti("cti-recording-ready", cti_doc("recording-ready", sequence=6, recordingUrl=PBX_REC, recordingId="rec-000123"))
accepted("cti-recording-ready", ACC_C, CID, "recording", CTI_MOBILE,
         cti_data("recording-ready", "recording", sequence="6"), attachment={"uri": PBX_REC, "name": "rec-000123"})

cti("cti-transcript-ready", cti_doc("transcript-ready", sequence=7, transcript=TEXT))
accepted("cti-transcript-ready", ACC_C, CID, "transcript", CTI_MOBILE,
         cti_data("transcript-ready", "transcript", sequence="7"), text=TEXT)

cti("cti-rejected-stale-timestamp", cti_doc("ringing"), ts=NOW - 3600)
rejected("cti-rejected-stale-timestamp", 401, "stale_timestamp", "Signed an hour ago (a replay).")
cti("cti-rejected-forged-signature", cti_doc("ringing"), key=b"not-the-secret-of-source-pbx!!")
rejected("cti-rejected-forged-signature", 401, "invalid_signature", "Signed with another secret.")
cti("cti-rejected-unknown-field", cti_doc("ringing", callerName="张三"))
rejected("cti-rejected-unknown-field", 400, "invalid_call_event", "callerName is not a field of the format.")
cti("cti-rejected-unknown-event", cti_doc("exploded"))
rejected("cti-rejected-unknown-event", 400, "invalid_call_event", "Not one of the nine events.")
cti("cti-rejected-truncated-json", None, raw=b'{"callId":"pbx-1","event":"ring')
rejected("cti-rejected-truncated-json", 400, "malformed_json", "The body ends inside a string.")
cti("cti-rejected-gbk-body", None, raw='{"callId":"pbx-1","event":"transcript-ready","timestamp":"2026-01-15T02:29:40Z","caller":"13800138000","transcript":"路灯坏了"}'.encode("gbk"))
rejected("cti-rejected-gbk-body", 400, "malformed_json", "GBK bytes where UTF-8 is required.")
cti("cti-rejected-recording-not-http", cti_doc("recording-ready", recordingUrl="file:///etc/passwd"))
rejected("cti-rejected-recording-not-http", 400, "invalid_call_event", "Only http(s) recording URLs are fetched.")

# ---- Zammad-style CTI --------------------------------------------------------------------------

ACC_Z = "zammad-asterisk"
ZID = "1768444180.4711"


def zammad(name, pairs, token=ZAMMAD, integration="asterisk"):
    write_http(name, "/channels/telephony/zammad/%s/%s" % (integration, token),
               "application/x-www-form-urlencoded", form(pairs))


def z_pairs(event, more=()):
    return [("event", event), ("from", "13800138000"), ("to", "12345"), ("direction", "in"),
            ("callId", ZID)] + list(more)


def z_data(event, kind, **more):
    d = {"callId": ZID, "callEvent": kind, "caller": "number", "direction": "inbound", "event": event,
         "eventAt": TIME}
    d.update(more)
    return d


Z_MOBILE = citizen(ACC_Z, ZID, e164="+8613800138000")
zammad("zammad-new-call", z_pairs("newCall", [("user[]", ""), ("queue", "hotline")]))
accepted("zammad-new-call", ACC_Z, ZID, "ringing", Z_MOBILE, z_data("newCall", "ringing", queue="hotline"))
zammad("zammad-answer", z_pairs("answer", [("answeringNumber", "8001"), ("user", "李四")]))
accepted("zammad-answer", ACC_Z, ZID, "answered", Z_MOBILE, z_data("answer", "answered", agent="8001"))
zammad("zammad-hangup-cancel", z_pairs("hangup", [("cause", "cancel"), ("answeringNumber", "")]))
accepted("zammad-hangup-cancel", ACC_Z, ZID, "abandoned", Z_MOBILE, z_data("hangup", "abandoned", cause="cancel"))
zammad("zammad-rejected-wrong-token", z_pairs("newCall"), token="not-the-token-of-asterisk-x")
rejected("zammad-rejected-wrong-token", 401, "unauthorized", "The path token is not the integration's.")
zammad("zammad-rejected-unknown-event", z_pairs("explode"))
rejected("zammad-rejected-unknown-event", 400, "invalid_call_event", "Not newCall, answer or hangup.")
zammad("rejected-unknown-integration", z_pairs("newCall"), integration="nobody")
rejected("rejected-unknown-integration", 404, "unknown_account", "No integration of that name.")
