#!/usr/bin/env python3
"""A deliberately misbehaving DICOMweb archive for Lamina's error-path tests.

Usage: fake_dicomweb_server.py MODE METADATA_JSON
Listens on 127.0.0.1 on a free port, prints the port on stdout, then serves until killed.
METADATA_JSON is a real series' WADO-RS /metadata answer (saved by the test from Orthanc);
the study/series UIDs in the request path are not checked. Modes:
  garbage-metadata  /metadata answers 200 with text that is not JSON
  flaky             the first two requests answer 503, later ones behave
  hang              every request is read, then never answered
  bad-frames        /metadata behaves; /frames answers a multipart with one part too few
  unauthorized      every request answers 401
  frames-unavailable  /metadata behaves; /frames always answers 503 (an overloaded archive)
  truncated         /frames answers stop before the closing boundary (no Content-Length)
  redirect-elsewhere  every request answers 302 to the same path on a second server (another
                    origin: another port) that behaves; GET /seen on the first server tells
                    how many requests reached the second one with an Authorization header
  redirect-same-origin  every request answers 302 to /moved/<path> on this server, which
                    behaves
  gzip-metadata     /metadata answers gzip-compressed (when the request accepts gzip), as
                    Orthanc does, padded with JSON whitespace to 24 MiB once inflated (a
                    1000:1 ratio, as a large series' repeated per-frame items reach);
                    GET /gzipped tells how many such answers were sent
  any other         well-formed answers (but the frames are not decodable JPEG)
With FAKE_TLS_CERT and FAKE_TLS_KEY set (PEM files), the archive speaks HTTPS with that
certificate (self-signed in the tests).
"""
import gzip
import http.server
import os
import socketserver
import ssl
import sys
import threading
import time

MODE = sys.argv[1]
with open(sys.argv[2], "rb") as f:
    METADATA = f.read()
COUNT = {"n": 0}
SEEN = {"authorized": 0, "gzipped": 0}
GZIPPED_METADATA = gzip.compress(METADATA + b" " * (24 << 20)) if MODE == "gzip-metadata" else b""
OTHER = {"port": 0}
LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.server.server_address[1] == OTHER["port"]:  # the other origin
            if self.headers.get("Authorization"):
                with LOCK:
                    SEEN["authorized"] += 1
            return self.serve()
        if self.path == "/seen":
            return self.reply(200, "text/plain", str(SEEN["authorized"]).encode())
        if self.path == "/gzipped":
            return self.reply(200, "text/plain", str(SEEN["gzipped"]).encode())
        if MODE == "redirect-elsewhere":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:%d%s" % (OTHER["port"], self.path))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if MODE == "redirect-same-origin" and not self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "/moved" + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        return self.serve()

    def serve(self):
        with LOCK:
            COUNT["n"] += 1
            n = COUNT["n"]
        if MODE == "hang":
            time.sleep(3600)
            return
        if MODE == "unauthorized":
            return self.reply(401, "text/plain", b"who are you?")
        if MODE == "flaky" and n <= 2:
            return self.reply(503, "text/plain", b"busy")
        if self.path.endswith("/metadata"):
            if MODE == "garbage-metadata":
                return self.reply(200, "application/dicom+json", b"<html>not json{")
            if MODE == "gzip-metadata" and "gzip" in self.headers.get("Accept-Encoding", ""):
                with LOCK:
                    SEEN["gzipped"] += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/dicom+json")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(GZIPPED_METADATA)))
                self.end_headers()
                self.wfile.write(GZIPPED_METADATA)
                return
            return self.reply(200, "application/dicom+json", METADATA)
        if "/frames/" in self.path:
            if MODE == "frames-unavailable":
                return self.reply(503, "text/plain", b"busy")
            frames = self.path.rsplit("/", 1)[1].split(",")
            count = len(frames) - 1 if MODE == "bad-frames" else len(frames)
            body = b""
            for _ in range(count):
                body += b"--B\r\nContent-Type: image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50\r\n\r\n"
                body += b"\xff\xd8not a real jpeg\xff\xd9\r\n"
            if MODE == "truncated":  # the connection closes mid-answer, as a dying server's
                self.send_response(200)
                self.send_header("Content-Type", 'multipart/related; boundary=B')
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
                return
            body += b"--B--\r\n"
            return self.reply(200, 'multipart/related; type="image/jpeg"; boundary=B', body)
        return self.reply(404, "text/plain", b"no such resource")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


other = Server(("127.0.0.1", 0), Handler)
OTHER["port"] = other.server_address[1]
threading.Thread(target=other.serve_forever, daemon=True).start()
server = Server(("127.0.0.1", 0), Handler)
if os.environ.get("FAKE_TLS_CERT"):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.environ["FAKE_TLS_CERT"], os.environ["FAKE_TLS_KEY"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
