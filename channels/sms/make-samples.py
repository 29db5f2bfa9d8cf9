#!/usr/bin/env python3
"""Writes samples/*.http and expected/*.json of the SMS channel contract.

Test-only values (README): aliyun path token test-only-sms-path-token-0123456789, the gateway's
Standard Webhooks secret whsec_dGVzdC1vbmx5LXNtcy1nYXRld2F5LXNlY3JldC0zMmIh, test clock 1768444200
(2026-01-15T02:30:00Z). Re-running gives the same bytes.
"""
import base64, hashlib, hmac, json, os

NOW, TIME = 1768444200, "2026-01-15T02:30:00Z"
PSEUDONYM_KEY = b"test-only-pseudonym-key-0123456789abcdef"
TOKEN = "test-only-sms-path-token-0123456789"
SECRET = base64.b64decode("dGVzdC1vbmx5LXNtcy1nYXRld2F5LXNlY3JldC0zMmIh")
HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "intake.12345.example.gov.cn"
SCHEMA = "urn:cn-gov12345:intake:schema:cn.gov12345.intake."


def luhn(body):
    total, double = 0, True
    for ch in reversed(body):
        d = int(ch)
        if double:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total, double = total + d, not double
    return body + str((10 - total % 10) % 10)


def tracking(seq):
    return luhn("26011500%06d" % seq)


def pseudonym(e164):
    mac = hmac.new(PSEUDONYM_KEY, b"PHONE:" + e164.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def write_http(name, target, headers, body):
    body = body.encode()
    head = ["POST %s HTTP/1.1" % target, "Host: " + HOST] + headers + ["Content-Length: %d" % len(body)]
    with open(os.path.join(HERE, "samples", name + ".http"), "wb") as f:
        f.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)


def aliyun(name, entries, integration="aliyun", token=TOKEN, raw=None):
    body = raw if raw is not None else json.dumps(entries, ensure_ascii=False, indent=2)
    write_http(name, "/channels/sms/aliyun/%s/%s" % (integration, token),
               ["User-Agent: Apache-HttpClient/4.5.13 (Java/1.8.0_372)",
                "Content-Type: application/json;charset=UTF-8"], body)


def gateway(name, entry, wid="gw-20260115-000042", ts=NOW - 2, forged=False):
    body = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    mac = hmac.new(SECRET, ("%s.%d.%s" % (wid, ts, body)).encode(), hashlib.sha256).digest()
    sig = base64.b64encode(mac).decode()
    if forged:
        sig = base64.b64encode(hashlib.sha256(b"forged").digest()).decode()
    write_http(name, "/channels/sms/http/gateway",
               ["User-Agent: sms-gateway/1.4", "Content-Type: application/json; charset=utf-8",
                "webhook-id: " + wid, "webhook-timestamp: %d" % ts, "webhook-signature: v1," + sig], body)


def citizen(e164):
    return {"pseudonym": pseudonym(e164), "scheme": "phone", "contact": {"$sealed": {"phone": e164}}}


def events(account, texts):
    """texts: (n, e164, text, channelMessageId, channelData) opening ticket n each."""
    messages, tickets = [], []
    for n, e164, text, cmid, data in texts:
        p = pseudonym(e164)
        head = {"specversion": "1.0", "source": "/channels/sms/" + account, "time": TIME,
                "datacontenttype": "application/json", "partitionkey": p}
        messages.append(dict(head, id="<uuid7:message%d>" % n, type="cn.gov12345.intake.message.received.v1",
                             subject="<uuid7:ticket%d>" % n, dataschema=SCHEMA + "message.received.v1",
                             data={"messageId": "<uuid7:message%d>" % n, "ticketId": "<uuid7:ticket%d>" % n,
                                   "channel": "sms", "account": account, "kind": "text",
                                   "channelMessageId": cmid, "receivedAt": TIME, "citizen": citizen(e164),
                                   "text": text, "channelData": data}))
        tickets.append(dict(head, id="<uuid7:ticketEvent%d>" % n, type="cn.gov12345.intake.ticket.opened.v1",
                            subject="<uuid7:ticket%d>" % n, dataschema=SCHEMA + "ticket.opened.v1",
                            data={"trackingNumber": tracking(n), "ticketId": "<uuid7:ticket%d>" % n,
                                  "openedAt": TIME, "channel": "sms", "account": account,
                                  "citizen": citizen(e164), "text": text,
                                  "messageIds": ["<uuid7:message%d>" % n]}))
    return messages, tickets


def expect(name, doc):
    with open(os.path.join(HERE, "expected", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


def rejected(name, status, code, comment):
    expect(name, {"$comment": comment, "outcome": "rejected", "status": status, "code": code})


ALIYUN_ACK = {"status": 200, "contentType": "application/json", "body": {"code": 0, "msg": "接收成功"}}

# --- accepted -------------------------------------------------------------------------------------
TEXT1 = "小区门口的路灯坏了一个星期，晚上很危险，请尽快修。"
aliyun("aliyun-one-text", [{"phone_number": "13800138000", "send_time": "2026-01-15 10:29:58",
                            "content": TEXT1, "sign_name": "12345热线", "dest_code": "1234",
                            "sequence_id": 1234567890}])
m, t = events("aliyun", [(1, "+8613800138000", TEXT1, "1234567890",
                          {"sentAt": "2026-01-15T02:29:58Z", "to": "1234", "signName": "12345热线"})])
expect("aliyun-one-text", {"$comment": "Alibaba SmsUp with one text: its sequence_id is the dedup key.",
                           "outcome": "accepted", "ack": ALIYUN_ACK, "messages": m, "tickets": t})

TEXT2, TEXT3 = "楼道里的灯不亮了", "我家楼下的下水道堵了，臭味很大。"
aliyun("aliyun-batch-two-citizens", [
    {"phone_number": "13900139000", "send_time": "2026-01-15 10:29:50", "content": TEXT2,
     "sign_name": "12345热线", "dest_code": "1234", "sequence_id": "1234567891"},
    {"phone_number": "+86 137 0013 7000", "send_time": "20260115102955", "content": TEXT3,
     "dest_code": "1234"}])
h = base64.urlsafe_b64encode(hashlib.sha256(("+8613700137000\n%d\n%s" % (NOW - 5, TEXT3)).encode())
                             .digest()).decode()[:32]
m, t = events("aliyun", [
    (1, "+8613900139000", TEXT2, "1234567891", {"sentAt": "2026-01-15T02:29:50Z", "to": "1234",
                                                "signName": "12345热线"}),
    (2, "+8613700137000", TEXT3, "h:" + h, {"sentAt": "2026-01-15T02:29:55Z", "to": "1234"})])
expect("aliyun-batch-two-citizens", {
    "$comment": "A batch of two citizens' texts: sequence_id as a string, and one without any (deduplicated"
                " on number, send time and text); the compact send_time form; each opens its ticket.",
    "outcome": "accepted", "ack": ALIYUN_ACK, "messages": m, "tickets": t})

TEXT4 = "关于受理编号260115000000019的诉求，现在水又停了。"
gateway("http-one-text", {"id": "gw-77a1", "from": "+8613600136000", "to": "12345", "text": TEXT4,
                          "sentAt": "2026-01-15T10:29:57+08:00"})
m, t = events("gateway", [(1, "+8613600136000", TEXT4, "gw-77a1",
                           {"sentAt": "2026-01-15T02:29:57Z", "to": "12345"})])
ack = {"status": 202, "contentType": "application/json",
       "body": {"status": "accepted", "messageId": "<uuid7:message1>", "ticketId": "<uuid7:ticket1>",
                "trackingNumber": tracking(1), "queryCode": "{queryCode}"}}
retry = dict(ack, status=200, body=dict(ack["body"], status="duplicate"))
expect("http-one-text", {
    "$comment": "The generic signed format; the text names a tracking number no ticket of this citizen has,"
                " so it opens its own.",
    "outcome": "accepted", "ack": ack, "retryAck": retry, "messages": m, "tickets": t})

# --- rejected -------------------------------------------------------------------------------------
ONE = [{"phone_number": "13800138000", "send_time": "2026-01-15 10:29:58", "content": TEXT1,
        "dest_code": "1234", "sequence_id": 1234567899}]
aliyun("rejected-aliyun-wrong-token", ONE, token="test-only-sms-path-token-0123456788")
rejected("rejected-aliyun-wrong-token", 401, "unauthorized", "One character of the secret path segment changed.")
aliyun("rejected-aliyun-unknown-integration", ONE, integration="elsewhere")
rejected("rejected-aliyun-unknown-integration", 404, "unknown_account", "No integration of this name.")
aliyun("rejected-aliyun-not-allowlisted", ONE, integration="fenced", token="test-only-open-sms-token-9876543210")
rejected("rejected-aliyun-not-allowlisted", 403, "forbidden", "The right token from outside the allowlist.")
aliyun("rejected-aliyun-masked-number", [dict(ONE[0], phone_number="1381111****")])
rejected("rejected-aliyun-masked-number", 400, "invalid_sms", "A sender that is not a phone number.")
aliyun("rejected-aliyun-object-not-array", None, raw=json.dumps(ONE[0], ensure_ascii=False))
rejected("rejected-aliyun-object-not-array", 400, "invalid_sms", "SmsUp is always a JSON array.")
aliyun("rejected-aliyun-truncated-json", None, raw=json.dumps(ONE, ensure_ascii=False)[:-7])
rejected("rejected-aliyun-truncated-json", 400, "malformed_json", "The body ends mid-object.")
aliyun("rejected-aliyun-sequence-id-object", [dict(ONE[0], sequence_id={"id": 1})])
rejected("rejected-aliyun-sequence-id-object", 400, "invalid_sms", "sequence_id of the wrong type.")
aliyun("rejected-aliyun-six-messages", [dict(ONE[0], sequence_id=i) for i in range(6)])
rejected("rejected-aliyun-six-messages", 413, "too_many_messages",
         "The tests' maxBatch is 5: the sixth entry refuses the push, nothing of it is written.")
GW = {"id": "gw-77a2", "from": "+8613600136000", "to": "12345", "text": "路灯不亮", "sentAt": "2026-01-15T10:29:57+08:00"}
gateway("rejected-http-forged-signature", GW, forged=True)
rejected("rejected-http-forged-signature", 401, "invalid_signature", "A signature by another key.")
gateway("rejected-http-stale-timestamp", GW, ts=NOW - 3600)
rejected("rejected-http-stale-timestamp", 401, "stale_timestamp", "Signed an hour ago.")
gateway("rejected-http-unknown-field", dict(GW, name="张三"))
rejected("rejected-http-unknown-field", 400, "invalid_sms", "A field the format does not have.")
gateway("rejected-http-other-hotline", dict(GW, to="10086"))
rejected("rejected-http-other-hotline", 400, "invalid_sms", "Sent to a number this integration does not serve.")
