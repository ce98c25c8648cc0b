"""The durable local store (SQLite through sqlite-utils)."""

from countdesk.core.records import ElectionInfo, WardInfo
from countdesk.store.db import Store
from countdesk.store.errors import StoreError
from countdesk.store.paths import data_home, default_store_path

__all__ = ["ElectionInfo", "Store", "StoreError", "WardInfo", "data_home", "default_store_path"]
