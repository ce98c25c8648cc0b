"""User settings (last store, type size, contrast, language), in an INI file beside the data."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from countdesk.app.files import data_home


class Settings:
    def __init__(self) -> None:
        home = data_home()
        home.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)

    def _get_bool(self, key: str) -> bool:
        value = self._q.value(key, False)
        return value in (True, "true", "1", 1)

    @property
    def last_store(self) -> str | None:
        value = self._q.value("last_store", "")
        return str(value) if value else None

    @last_store.setter
    def last_store(self, path: str | None) -> None:
        self._q.setValue("last_store", path or "")
        self._q.sync()

    @property
    def large_type(self) -> bool:
        return self._get_bool("large_type")

    @large_type.setter
    def large_type(self, on: bool) -> None:
        self._q.setValue("large_type", on)
        self._q.sync()

    @property
    def high_contrast(self) -> bool:
        return self._get_bool("high_contrast")

    @high_contrast.setter
    def high_contrast(self, on: bool) -> None:
        self._q.setValue("high_contrast", on)
        self._q.sync()

    @property
    def language(self) -> str | None:
        """The desk's language ("en", "cy"), once chosen in View → Language (None: never chosen,
        the system locale decides)."""
        value = self._q.value("language", "")
        return str(value) if value else None

    @language.setter
    def language(self, code: str | None) -> None:
        self._q.setValue("language", code or "")
        self._q.sync()

    @property
    def operator(self) -> str:
        return str(self._q.value("operator", ""))

    @operator.setter
    def operator(self, name: str) -> None:
        self._q.setValue("operator", name)
        self._q.sync()

    def _get_path(self, key: str) -> str | None:
        value = self._q.value(key, "")
        return str(value) if value else None

    def _set_path(self, key: str, path: str | None) -> None:
        self._q.setValue(key, path or "")
        self._q.sync()

    @property
    def signing_key(self) -> str | None:
        """The returning officer's PKCS#12 file; declarations are signed with it."""
        return self._get_path("signing_key")

    @signing_key.setter
    def signing_key(self, path: str | None) -> None:
        self._set_path("signing_key", path)

    @property
    def signature_image(self) -> str | None:
        return self._get_path("signature_image")

    @signature_image.setter
    def signature_image(self, path: str | None) -> None:
        self._set_path("signature_image", path)

    @property
    def publish_folder(self) -> str | None:
        """The folder the results site was last published into (Documents → Publish results…)."""
        return self._get_path("publish_folder")

    @publish_folder.setter
    def publish_folder(self, path: str | None) -> None:
        self._set_path("publish_folder", path)

    @property
    def publish_after_declaration(self) -> bool:
        """Publish the site again after every declaration made in this window."""
        return self._get_bool("publish_after_declaration")

    @publish_after_declaration.setter
    def publish_after_declaration(self, on: bool) -> None:
        self._q.setValue("publish_after_declaration", on)
        self._q.sync()
