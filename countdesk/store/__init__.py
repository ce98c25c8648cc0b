"""The durable local store (SQLite through sqlite-utils)."""

from countdesk.store.db import ElectionInfo, Store, StoreError, WardInfo
from countdesk.store.paths import data_home, default_store_path

__all__ = ["ElectionInfo", "Store", "StoreError", "WardInfo", "data_home", "default_store_path"]
