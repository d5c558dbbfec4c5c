"""The password hasher: Argon2id with the OWASP parameters (m=19 MiB, t=2, p=1).

Django's own ``Argon2PasswordHasher`` defaults to 100 MiB and 8 lanes: on a small 2-core server
each login or signature would hold a worker for a long time and much memory. OWASP's password
storage cheat sheet gives m=19 MiB, t=2, p=1 as the minimum it recommends. The algorithm name
stays ``argon2``, so a stored hash with other parameters (or a PBKDF2 hash from before) is
rehashed with these at the person's next successful login or signature (``must_update``).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
