"""What a backup must carry intact from roadmap: every stored PDF of a signed order."""

import hashlib

from roadmap.models import OrderFile


def checksums() -> dict[str, str]:
    """SHA-256 of each stored order PDF, computed from the stored bytes, by order id."""
    return {
        f"order-pdf:{order_id}": hashlib.sha256(bytes(content)).hexdigest()
        for order_id, content in OrderFile.objects.values_list("order_id", "content").iterator(
            chunk_size=50
        )
    }
