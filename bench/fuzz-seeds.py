#!/usr/bin/env python3
"""Rebuilds the fuzz seed corpus from channels/*/samples (the bodies of the sample requests).

Each fuzz target reads its seeds from Jazzer's convention
src/test/resources/<package path>/<TestClass>Inputs/<method>/; files named sample-* are written
here, crash-* / regression-* files are kept inputs from fuzzing runs and are never touched.
"""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
RES = ROOT / "src/test/resources/cn/gov12345/intake"


def body(path):
    raw = path.read_bytes()
    for sep in (b"\r\n\r\n", b"\n\n"):
        if sep in raw:
            return raw.split(sep, 1)[1]
    return b""


def multipart_fields(raw):
    """name=value lines from a multipart body (the web target's input shape)."""
    lines = []
    for part in re.split(rb"-{2,}WebKitFormBoundary\w+(?:--)?\r?\n?", raw):
        m = re.match(rb'Content-Disposition: form-data; name="([^"]+)"(?P<file>; filename)?', part)
        if not m or m.group("file"):
            continue
        value = re.split(rb"\r?\n\r?\n", part, 1)[1] if re.search(rb"\r?\n\r?\n", part) else b""
        lines.append(m.group(1) + b"=" + value.rstrip(b"\r\n"))
    return b"\n".join(lines)


def write(target, name, data):
    d = RES / target
    d.mkdir(parents=True, exist_ok=True)
    (d / ("sample-" + name)).write_bytes(data)


def main():
    for s in sorted((ROOT / "channels").glob("*/samples/*.http")):
        channel, name, b = s.parent.parent.name, s.stem, body(s)
        if channel == "wechat":
            if b"<Encrypt>" in b:
                enc = re.search(rb"<Encrypt><!\[CDATA\[(.*?)\]\]>", b, re.S)
                write("channel/wechat/WechatParsersFuzzTestInputs/encryptField", name,
                      enc.group(1) if enc else b)
            write("channel/wechat/WechatParsersFuzzTestInputs/plainXml", name, b)
            write("channel/wechat/WechatParsersFuzzTestInputs/decryptedXml", name, b)
        elif channel == "telephony":
            method = {"twilio": "twilioForm", "cti": "ctiJson", "zammad": "zammadForm"}.get(
                name.split("-")[0], "ctiJson")
            write("channel/telephony/TelephonyParsersFuzzTestInputs/" + method, name, b)
        elif channel == "webhook":
            write("channel/webhook/WebhookParsersFuzzTestInputs/submissionJson", name, b)
        elif channel == "app":
            write("channel/app/AppParsersFuzzTestInputs/requestJson", name, b)
        elif channel == "open311":
            write("channel/open311/Open311ParsersFuzzTestInputs/requestForm", name, b)
        elif channel == "sms":
            method = "aliyunSmsUp" if name.startswith(("aliyun", "rejected-aliyun")) else "gatewayJson"
            write("channel/sms/SmsParsersFuzzTestInputs/" + method, name, b)
        elif channel == "web":
            write("channel/web/WebFormFuzzTestInputs/formFields", name, multipart_fields(b))


if __name__ == "__main__":
    main()
