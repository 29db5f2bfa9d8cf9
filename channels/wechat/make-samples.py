#!/usr/bin/env python3
"""Writes samples/*.http and expected/*.json of the WeChat channel contract.

Test-only keys (README): token pamtest, EncodingAESKey abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG,
appId wxb11529c136998cb6, test clock 1768444200. Needs python3 and openssl. Re-running gives the
same bytes (the 16 "random" bytes of each ciphertext are derived from the sample name).
"""
import base64, collections, hashlib, hmac, json, os, subprocess

TOKEN, APP_ID, AES_KEY = "pamtest", "wxb11529c136998cb6", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
NOW, TIME = 1768444200, "2026-01-15T02:30:00Z"
PSEUDONYM_KEY = b"test-only-pseudonym-key-0123456789abcdef"
OPENID = "oX7Kq5Hn0pLmR2sTuV9wYzA1bC3d"
KEY = base64.b64decode(AES_KEY[:42] + "E=")  # same 32 bytes; the last char's spare bits dropped
HERE = os.path.dirname(os.path.abspath(__file__))


def sig(*parts):
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def encrypt(name, xml, app_id=APP_ID):
    body = xml.encode()
    plain = hashlib.sha256(name.encode()).digest()[:16] + len(body).to_bytes(4, "big") + body + app_id.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    out = subprocess.run(["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", KEY.hex(), "-iv", KEY[:16].hex()],
                         input=plain, capture_output=True, check=True).stdout
    return base64.b64encode(out).decode()


def message(ts, msg_type, fields, openid=OPENID):
    return ("<xml><ToUserName><![CDATA[gh_12345city]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName>"
            "<CreateTime>%d</CreateTime><MsgType><![CDATA[%s]]></MsgType>%s</xml>" % (openid, ts, msg_type, fields))


def http(name, account, query, body):
    body = body.encode()
    head = ["POST /channels/wechat/%s?%s HTTP/1.1" % (account, query), "Host: intake.12345.example.gov.cn",
            "User-Agent: Mozilla/4.0", "Accept: */*", "Content-Type: text/xml", "Pragma: no-cache",
            "Content-Length: %d" % len(body)]
    with open(os.path.join(HERE, "samples", name + ".http"), "wb") as f:
        f.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)


def plain_query(ts, nonce):
    return "signature=%s&timestamp=%d&nonce=%s&openid=%s" % (sig(TOKEN, str(ts), nonce), ts, nonce, OPENID)


def push(name, mode, xml, ts=NOW - 2, nonce="1320562132", **tamper):
    account = {"safe": "city", "compatible": "compat", "plaintext": "plain"}[mode]
    if mode == "plaintext":
        return http(name, tamper.get("account", account), plain_query(ts, nonce), xml)
    enc = encrypt(name, xml, tamper.get("app_id", APP_ID))
    msg_sig = tamper.get("msg_signature", sig(TOKEN, str(ts), nonce, enc))
    query = plain_query(ts, nonce) + "&encrypt_type=aes&msg_signature=" + msg_sig
    enc_in_body = tamper.get("encrypt", enc)
    if mode == "compatible":
        body = xml.replace("</xml>", "<Encrypt><![CDATA[%s]]></Encrypt></xml>" % enc_in_body)
    else:
        body = "<xml><ToUserName><![CDATA[gh_12345city]]></ToUserName><Encrypt><![CDATA[%s]]></Encrypt></xml>" % enc_in_body
    http(name, account, query, body)


def pseudonym():
    mac = hmac.new(PSEUDONYM_KEY, ("WECHAT_OPENID:%s:%s" % (APP_ID, OPENID)).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def expected(name, mode, fields, kind, opens, text=None, location=None, media=None, key=None, comment=None):
    account = {"safe": "city", "compatible": "compat", "plaintext": "plain"}[mode]
    p = pseudonym()
    citizen = collections.OrderedDict([("pseudonym", p), ("scheme", "wechat_openid")])
    data = collections.OrderedDict([("messageId", "<uuid7:message>")])
    if opens:
        data["ticketId"] = "<uuid7:ticket>"
    data.update([("channel", "wechat"), ("account", account), ("kind", kind), ("channelMessageId", key),
                 ("receivedAt", TIME), ("citizen", citizen)])
    extra = collections.OrderedDict()
    if text: extra["text"] = text
    if location: extra["location"] = location
    if media: extra["attachments"] = [{"uri": "wechat-media://%s/%s" % (APP_ID, media)}]
    data.update(extra)
    data["channelData"] = collections.OrderedDict(sorted((k, v) for k, v in fields.items()
                                                         if k not in ("ToUserName", "FromUserName", "Content", "Encrypt") and v))
    def envelope(event_id, type_, subject, d):
        e = collections.OrderedDict([("specversion", "1.0"), ("id", event_id), ("source", "/channels/wechat/" + account),
                                     ("type", "cn.gov12345.intake." + type_)])
        if subject: e["subject"] = subject
        e.update([("time", TIME), ("datacontenttype", "application/json"),
                  ("dataschema", "urn:cn-gov12345:intake:schema:cn.gov12345.intake." + type_), ("partitionkey", p), ("data", d)])
        return e
    out = collections.OrderedDict()
    if comment: out["$comment"] = comment
    out["outcome"] = "accepted"
    out["messages"] = [envelope("<uuid7:message>", "message.received.v1", "<uuid7:ticket>" if opens else None, data)]
    tickets = []
    if opens:
        t = collections.OrderedDict([("trackingNumber", "260115000000019"), ("ticketId", "<uuid7:ticket>"), ("openedAt", TIME),
                                     ("channel", "wechat"), ("account", account), ("citizen", citizen)])
        t.update(extra)
        t["messageIds"] = ["<uuid7:message>"]
        tickets.append(envelope("<uuid7:ticketEvent>", "ticket.opened.v1", "<uuid7:ticket>", t))
    out["tickets"] = tickets
    write(name, out)


def rejected(name, status, code, comment):
    write(name, collections.OrderedDict([("$comment", comment), ("outcome", "rejected"), ("status", status), ("code", code)]))


def write(name, obj):
    path = os.path.join(HERE, "expected", name + ".json")
    obj = with_door_fields(path, obj)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


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


def xml_fields(msg_type, inner, ts):
    import re
    f = collections.OrderedDict([("CreateTime", str(ts)), ("MsgType", msg_type)])
    for k, v in re.findall(r"<(\w+)>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</\1>", inner):
        f[k] = v
    return f


TS = NOW - 3
CASES = [
    # name, type, fields xml, kind, opens, text, location, media, msgid
    ("text", "text", "<Content><![CDATA[小区门口的路灯坏了一个星期，晚上很危险。]]></Content><MsgId>24681357901234561</MsgId>", "text", True,
     "小区门口的路灯坏了一个星期，晚上很危险。", None, None),
    ("image", "image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/abc123/0]]></PicUrl><MsgId>24681357901234562</MsgId><MediaId><![CDATA[Xk3_pQ7Lr9s-Media01]]></MediaId>", "media", True,
     None, None, "Xk3_pQ7Lr9s-Media01"),
    ("voice", "voice", "<MediaId><![CDATA[Vc8_voice-Media02]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[我要投诉噪音扰民]]></Recognition><MsgId>24681357901234563</MsgId>", "media", True,
     "我要投诉噪音扰民", None, "Vc8_voice-Media02"),
    ("video", "video", "<MediaId><![CDATA[Vd9_video-Media03]]></MediaId><ThumbMediaId><![CDATA[Th1_thumb-Media03]]></ThumbMediaId><MsgId>24681357901234564</MsgId>", "media", True,
     None, None, "Vd9_video-Media03"),
    ("shortvideo", "shortvideo", "<MediaId><![CDATA[Sv2_short-Media04]]></MediaId><ThumbMediaId><![CDATA[Th2_thumb-Media04]]></ThumbMediaId><MsgId>24681357901234565</MsgId>", "media", True,
     None, None, "Sv2_short-Media04"),
    ("location", "location", "<Location_X>39.915119</Location_X><Location_Y>116.403963</Location_Y><Scale>15</Scale><Label><![CDATA[北京市朝阳区望京街道某小区]]></Label><MsgId>24681357901234566</MsgId>", "location", True,
     None, {"address": "北京市朝阳区望京街道某小区", "latitude": 39.915119, "longitude": 116.403963}, None),
    ("link", "link", "<Title><![CDATA[小区违建举报材料]]></Title><Description><![CDATA[图文说明]]></Description><Url><![CDATA[https://mp.weixin.qq.com/s/abc]]></Url><MsgId>24681357901234567</MsgId>", "text", True,
     "小区违建举报材料\n图文说明\nhttps://mp.weixin.qq.com/s/abc", None, None),
    ("event-subscribe", "event", "<Event><![CDATA[subscribe]]></Event>", "event", False, None, None, None),
    ("event-unsubscribe", "event", "<Event><![CDATA[unsubscribe]]></Event>", "event", False, None, None, None),
    ("event-scan", "event", "<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[district-chaoyang]]></EventKey><Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket>", "event", False, None, None, None),
    ("event-location", "event", "<Event><![CDATA[LOCATION]]></Event><Latitude>39.915119</Latitude><Longitude>116.403963</Longitude><Precision>30.000000</Precision>", "event", False,
     None, {"latitude": 39.915119, "longitude": 116.403963}, None),
    ("event-click", "event", "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[MENU_PROGRESS]]></EventKey>", "event", False, None, None, None),
    ("event-view", "event", "<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://12345.example.gov.cn/progress]]></EventKey>", "event", False, None, None, None),
    ("unknown-type", "miniprogrampage", "<Title><![CDATA[办事指南]]></Title><AppId><![CDATA[wx1234567890abcdef]]></AppId><PagePath><![CDATA[pages/index]]></PagePath><MsgId>24681357901234568</MsgId>", "event", False, None, None, None),
]


def event_key(fields, ts):
    h = hashlib.sha256(("%s:%s" % (APP_ID, OPENID)).encode()).digest()
    ev = fields.get("Event", fields.get("MsgType"))
    return "e:%d:%s:%s" % (ts, ev, base64.urlsafe_b64encode(h).decode()[:22])


for mode, cases in (("safe", CASES), ("plaintext", CASES[:2]), ("compatible", CASES[:1] + CASES[5:6])):
    for name, msg_type, inner, kind, opens, text, location, media in cases:
        sample = "%s-%s" % (mode, name)
        xml = message(TS, msg_type, inner)
        fields = xml_fields(msg_type, inner, TS)
        key = fields["MsgId"] if opens else event_key(fields, TS)
        push(sample, mode, xml)
        expected(sample, mode, fields, kind, opens, text, location, media, key)

bad = message(TS, "text", "<Content><![CDATA[停水]]></Content><MsgId>24681357901234569</MsgId>")
push("rejected-tampered-ciphertext", "safe", bad, encrypt=encrypt("other", bad.replace("停水", "停电")))
rejected("rejected-tampered-ciphertext", 401, "invalid_signature", "Encrypt replaced; msg_signature covers the original")
push("rejected-wrong-msg-signature", "safe", bad, msg_signature="0" * 40)
rejected("rejected-wrong-msg-signature", 401, "invalid_signature", "msg_signature of zeros")
push("rejected-wrong-appid", "safe", bad, app_id="wx0000000000000000")
rejected("rejected-wrong-appid", 401, "app_id_mismatch", "correctly signed, encrypted with the right key for another appId")
push("rejected-plaintext-to-safe-account", "plaintext", bad, account="city")
rejected("rejected-plaintext-to-safe-account", 401, "encryption_required", "a safe-mode account takes encrypted pushes only")
push("rejected-stale-timestamp", "plaintext", bad, ts=NOW - 3600)
rejected("rejected-stale-timestamp", 401, "stale_timestamp", "valid signature, an hour old")
push("rejected-unknown-account", "plaintext", bad, account="nobody")
rejected("rejected-unknown-account", 404, "unknown_account", "no account named nobody")
push("rejected-xxe", "plaintext", '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + bad.replace("停水", "&x;"))
rejected("rejected-xxe", 400, "xml_doctype_refused", "external entity: refused at the DOCTYPE, nothing read")
push("rejected-billion-laughs", "safe", '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' + bad.replace("停水", "&d;"))
rejected("rejected-billion-laughs", 400, "xml_doctype_refused", "entity expansion inside the encrypted message: refused after decryption")
http("rejected-forged-signature", "plain", "signature=%s&timestamp=%d&nonce=1&openid=%s" % ("f" * 40, NOW, OPENID), bad)
rejected("rejected-forged-signature", 401, "invalid_signature", "signature not made with the token")
