#!/usr/bin/env python3
"""A TCP proxy on loopback that delays traffic, standing in for a wide-area link (this
kernel has no netem, and tests may not change the machine's network anyway).

Usage: delay_proxy.py TARGET_PORT ONE_WAY_DELAY_MS
Listens on 127.0.0.1 on a free port, prints that port on stdout, then forwards every
connection to 127.0.0.1:TARGET_PORT until killed. Every chunk of bytes, in either direction,
is passed on ONE_WAY_DELAY_MS after it arrived, in order: a request and its answer cost at
least twice the delay, as over a link of that latency (bandwidth is not limited). A new
connection's first bytes reach the target no sooner than three delays after it was opened,
as TCP's handshake would cost. A side that closes is closed on the other side after the same
delay.
"""
import asyncio
import sys

TARGET_PORT = int(sys.argv[1])
DELAY = float(sys.argv[2]) / 1000.0


async def pipe(reader, writer, earliest=0.0):
    """Copies reader to writer, each chunk DELAY seconds late (and not before `earliest`,
    loop time); half-closes at the end."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                break
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()

    delivering = asyncio.ensure_future(deliver())
    try:
        while True:
            data = await reader.read(1 << 16)
            if not data:
                break
            queue.put_nowait((max(loop.time() + DELAY, earliest), data))
    except (ConnectionError, OSError):
        pass
    queue.put_nowait((loop.time() + DELAY, None))
    try:
        await delivering
    except (ConnectionError, OSError):
        pass


async def handle(client_reader, client_writer):
    handshake_done = asyncio.get_running_loop().time() + 3 * DELAY  # SYN, SYN-ACK, then data
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET_PORT)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(
        pipe(client_reader, server_writer, handshake_done), pipe(server_reader, client_writer)
    )
    for w in (client_writer, server_writer):
        w.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
