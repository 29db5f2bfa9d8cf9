#!/usr/bin/env python3
"""Writes channels/web/samples/*.http: raw multipart requests exactly as the citizen page sends them.

The solution and the idempotency key travel in the head (X-Altcha, Idempotency-Key), checked with
the CSRF token before a byte of the body is stored.

The proof-of-work in each sample is a real ALTCHA solution: challenge = SHA-256(salt + number),
signature = HMAC-SHA256(key, challenge), with the test key of WebFixtures and an expiry 20 minutes
after the contract test's fixed clock (2026-01-15T02:30:00Z). Run from the repository root:
    python3 channels/web/make-samples.py
"""
import base64
import hashlib
import hmac
import json
import os
import struct
import zlib

KEY = b"test-only-altcha-hmac-key-0123456789abcdef"
NOW = 1768444200  # 2026-01-15T02:30:00Z
HERE = os.path.dirname(os.path.abspath(__file__))
BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
CSRF = "q9bWm0mDkZr3l5b3nq8x2w0vS3Jd1yQ0mH2m5e7u4ZI.1768444100000.Xk3Jb2hQ6o1m0y9ZC5v1xP8Kf2Jm4sUu6z0mYQ7Rk8A"


def pow_payload(key=KEY, expires=NOW + 1200, salt="5f0c1e9a7b3d2c4e6a8b0d1f", number=421):
    salted = "%s?expires=%d&" % (salt, expires)
    challenge = hashlib.sha256((salted + str(number)).encode()).hexdigest()
    signature = hmac.new(key, challenge.encode(), hashlib.sha256).hexdigest()
    payload = {"algorithm": "SHA-256", "challenge": challenge, "number": number,
               "salt": salted, "signature": signature, "took": 38}
    return base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode()


def png(seed):
    """A real 4x4 RGB PNG."""
    raw = b"".join(b"\x00" + bytes((seed * 31 + x * 17 + y * 5) % 256 for x in range(12)) for y in range(4))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def multipart(form, files=()):
    fields, head = form
    out = b""
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (BOUNDARY, name)).encode()
        out += value.encode() + b"\r\n"
    for name, filename, ctype, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                % (BOUNDARY, name, filename, ctype)).encode()
        out += data + b"\r\n"
    return out + ("--%s--\r\n" % BOUNDARY).encode(), head


def request(body, head=(), content_type="multipart/form-data; boundary=" + BOUNDARY):
    extra = "".join("%s: %s\r\n" % (n, v) for n, v in head if v is not None)
    top = ("POST /channels/web/v1/submissions HTTP/1.1\r\n"
           "Host: 12345.example.gov.cn\r\n"
           "Origin: https://12345.example.gov.cn\r\n"
           "Sec-Fetch-Site: same-origin\r\n"
           "Accept: application/json\r\n"
           "Cookie: intake_csrf=%s\r\n"
           "X-CSRF-Token: %s\r\n"
           "%s"
           "Content-Type: %s\r\n"
           "Content-Length: %d\r\n\r\n" % (CSRF, CSRF, extra, content_type, len(body)))
    return top.encode() + body


def base(key="3f6c1b52-8f0e-4d8e-9a51-0c2f6f7e1a01", altcha="", **extra):
    """The form's fields and its head: (fields, [(header, value)])."""
    fields = [("appealType", "complaint"), ("description", "小区停水三天了，物业不回应，请尽快处理。"),
              ("address", "朝阳区建国路88号某小区3号楼"), ("latitude", ""), ("longitude", ""),
              ("phone", ""), ("name", ""), ("website", "")]
    out = []
    for name, value in fields:
        out.append((name, extra.pop(name, value)))
    out.extend(extra.items())
    head = [("X-Altcha", pow_payload() if altcha == "" else altcha), ("Idempotency-Key", key)]
    return [(n, v) for n, v in out if v is not None], head


SAMPLES = {
    "complaint-phone-name-coordinates": multipart(base(
        phone="13800138000", name="张三", latitude="39.908722", longitude="116.397499")),
    "anonymous-consultation": multipart(base(
        key="9b2d7e41-6c3a-4f1e-8d20-5a7b9c0e1f22", appealType="consultation",
        description="请问居住证办理需要哪些材料？", address="")),
    "report-with-two-photos": multipart(base(
        key="0d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2", appealType="report",
        description="路口井盖缺失，夜间很危险，见照片。"),
        [("photos", "IMG_0001.png", "image/png", png(1)), ("photos", "IMG_0002.png", "image/png", png(2))]),
    "rejected-missing-proof-of-work": multipart(base(altcha=None)),
    "rejected-forged-proof-of-work": multipart(base(altcha=pow_payload(key=b"guessed-key-of-an-attacker-0123456789abcd"))),
    "rejected-expired-proof-of-work": multipart(base(altcha=pow_payload(expires=NOW - 60))),
    "rejected-honeypot": multipart(base(website="http://cheap-pills.example")),
    "rejected-unknown-field": multipart(base(priority="urgent")),
    "rejected-not-multipart": None,
    "rejected-gif-photo": multipart(base(), [("photos", "animation.png", "image/png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")]),
    "rejected-four-photos": multipart(base(), [("photos", "p%d.png" % i, "image/png", png(i)) for i in range(4)]),
    "rejected-description-too-long": multipart(base(description="水" * 5001)),
}

for name, sample in SAMPLES.items():
    if sample is None:
        raw = request(b"appealType=complaint&description=%E5%81%9C%E6%B0%B4", base()[1],
                      "application/x-www-form-urlencoded")
    else:
        raw = request(*sample)
    with open(os.path.join(HERE, "samples", name + ".http"), "wb") as f:
        f.write(raw)
print("wrote", len(SAMPLES), "samples")
