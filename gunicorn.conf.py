"""gunicorn settings for Jenjang (``gunicorn wsgi:app`` reads this file).

Work per request is mostly Python (templates, ORM), so processes scale better than
threads on few cores: two workers per core with two threads each keeps the tail
short and each worker's memory near 100 MB. WEB_CONCURRENCY and GUNICORN_THREADS
override the counts; BIND the address.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Recycle workers now and then, so that no slow leak can grow without bound.
max_requests = 5000
max_requests_jitter = 500
timeout = 30
graceful_timeout = 20
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the app (and NumPy, SciPy and scikit-learn, ~90 MB) once in the master:
# the forked workers share those pages instead of each reading its own copy.
preload_app = True


def post_fork(server, worker):
    """Give each worker its own database connections, never the master's."""
    from app.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)
