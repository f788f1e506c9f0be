#!/usr/bin/env python3
"""A DICOMweb archive that stores what it is sent (STOW-RS) and misbehaves once, for the
upload error-path tests of Lamina (the real peer, Orthanc, cannot be told to fail).

Usage: fake_stow_server.py MODE
Listens on 127.0.0.1 on a free port, prints the port on stdout, then serves until killed.
It keeps the SOP Instance UIDs it stored per series and answers the QIDO-RS search
GET .../studies/S/series/X/instances with them, so a resumed send can ask what is there.
Modes:
  reject-one   in the first STOW-RS request, the first instance is refused (FailedSOPSequence,
               A700 "out of resources"), the others stored, answer 202
  error-500    the second request (mid-upload) answers 500 and stores nothing
  close        from the second request on, each is read half-way and its connection closed
               unanswered (Qt resends a request whose connection dropped: every resend is
               dropped too), until GET /heal
  any other    stores everything, answers 200
"""
import json
import re
import socketserver
import http.server
import sys
import threading

MODE = sys.argv[1]
STORED = {}  # (study, series) -> list of SOP Instance UIDs
LOCK = threading.Lock()
POSTS = {"n": 0}
HEALED = {"yes": False}


def element(part, group, elem):
    """The value of a UI element of an explicit-VR little-endian data set, or ''."""
    tag = bytes([group & 0xFF, group >> 8, elem & 0xFF, elem >> 8]) + b"UI"
    at = part.find(tag)
    if at < 0:
        return ""
    length = int.from_bytes(part[at + 6:at + 8], "little")
    return part[at + 8:at + 8 + length].rstrip(b"\0 ").decode("ascii")


def sop_json(sop_class, sop_uid, reason=None):
    item = {"00081150": {"vr": "UI", "Value": [sop_class]},
            "00081155": {"vr": "UI", "Value": [sop_uid]}}
    if reason is not None:
        item["00081197"] = {"vr": "US", "Value": [reason]}
    return item


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/dicom+json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_GET(self):
        if self.path == "/heal":
            HEALED["yes"] = True
            return self.reply(200, b"healed", "text/plain")
        m = re.search(r"/studies/([0-9.]+)/series/([0-9.]+)/instances", self.path)
        if not m:
            return self.reply(404, b"[]")
        with LOCK:
            uids = list(STORED.get((m.group(1), m.group(2)), []))
        if not uids:
            return self.reply(204, b"")
        body = json.dumps([{"00080018": {"vr": "UI", "Value": [u]}} for u in uids])
        return self.reply(200, body.encode())

    def do_POST(self):
        with LOCK:
            POSTS["n"] += 1
            first = POSTS["n"] == 1
            second = POSTS["n"] == 2
            dropping = POSTS["n"] >= 2 and not HEALED["yes"]
        if dropping and MODE == "close":
            self.rfile.read(int(self.headers.get("Content-Length", "0")) // 2)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        body = self.read_body()
        if second and MODE == "error-500":
            return self.reply(500, b"internal error", "text/plain")
        boundary = re.search(r'boundary="?([^";]+)"?', self.headers["Content-Type"]).group(1)
        stored, failed = [], []
        for index, part in enumerate(body.split(b"--" + boundary.encode())[1:-1]):
            data = part.split(b"\r\n\r\n", 1)[1]
            sop_class = element(data, 0x0008, 0x0016)
            sop_uid = element(data, 0x0008, 0x0018)
            study = element(data, 0x0020, 0x000D)
            series = element(data, 0x0020, 0x000E)
            if first and MODE == "reject-one" and index == 0:
                failed.append(sop_json(sop_class, sop_uid, 0xA700))
                continue
            with LOCK:
                STORED.setdefault((study, series), []).append(sop_uid)
            stored.append(sop_json(sop_class, sop_uid))
        answer = {"00081199": {"vr": "SQ", "Value": stored}}
        if failed:
            answer["00081198"] = {"vr": "SQ", "Value": failed}
        return self.reply(202 if failed else 200, json.dumps(answer).encode())


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
