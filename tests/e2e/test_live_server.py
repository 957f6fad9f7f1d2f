"""The browser tests' live server closes every response, even one whose
browser has gone (a page closed while one of its scripts was still loading).

No browser here: a socket that resets its connection stands in for it.
"""

from __future__ import annotations

import gc
import socket
import struct
import threading

TIMEOUT = 5  # seconds


def test_a_response_is_closed_when_the_browser_drops_the_connection(app, live_server):
    """Werkzeug's server skips the response's close() when reading the socket
    after the body fails: the static file stayed open until the garbage
    collector found it, and its ResourceWarning failed whichever test ran then."""
    read, dropped = threading.Event(), threading.Event()
    handlers: list[threading.Thread] = []
    files = []
    serve = app.wsgi_app

    class HeldBack:
        """The body, then a wait until the browser has reset the connection."""

        def __init__(self, response) -> None:
            self.response = response

        def __iter__(self):
            yield from self.response
            read.set()
            dropped.wait(TIMEOUT)

        def close(self) -> None:
            self.response.close()

    def wsgi_app(environ, start_response):
        handlers.append(threading.current_thread())
        response = serve(environ, start_response)
        files.append(response.file)
        return HeldBack(response)

    app.wsgi_app = wsgi_app
    host, port = live_server.url.removeprefix("http://").split(":")
    browser = socket.create_connection((host, int(port)), timeout=TIMEOUT)
    gc.disable()  # the collector would close a forgotten file itself
    try:
        browser.sendall(
            b"GET /static/js/jenjang.js HTTP/1.1\r\nHost: "
            + host.encode()
            + b"\r\n\r\n"
        )
        assert read.wait(TIMEOUT)
        # Closed with a reset, as a browser drops a request it no longer needs.
        browser.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        browser.close()
        dropped.set()
        (handler,) = handlers
        handler.join(TIMEOUT)
        assert not handler.is_alive(), "the request is still being served"
        (file,) = files
        closed = file.closed
        file.close()
    finally:
        gc.enable()
    assert closed, "the server left the response's file open"
