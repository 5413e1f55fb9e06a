import uuid

from django.db import models


class BaseModel(models.Model):
    """UUID key and UTC creation/update times for every domain record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def short_id(self) -> str:
        """Eight hex digits: enough to tell records apart on a page, never a name."""
        return self.id.hex[:8].upper()
