"""The one TLS context for every HTTPS connection Parallax makes (model downloads, servers).

It trusts the system's certificate store and certifi's bundle together: the system's carries
what an organisation adds (a company's own certificate authority, a proxy that inspects
traffic), certifi's what a packaged app cannot find otherwise (the bundled OpenSSL looks
where the build machine's distribution keeps certificates, which Fedora or Arch do not).
"""

from __future__ import annotations

import ssl


def ssl_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    try:
        import certifi
    except ImportError:
        return context
    context.load_verify_locations(cafile=certifi.where())
    return context
