"""The Django admin's export of a register (XLSX and CSV), with django-import-export.

An app's admin mixes ``RegisterExportMixin`` into a ``ModelAdmin`` and names a
``RegisterResource`` that declares the columns with Russian headers (the helpers below). The
export takes the change list as filtered and searched; the «Экспорт» button and the action on
selected rows both lead to it. Every text cell goes through ``core.exports.safe_cell``, so
a value starting with =, +, -, @ is stored as text, never as a formula. Nothing is imported
this way: staff lists come in through ``mentoring.staff_import``.
"""

from import_export import fields, resources, widgets
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from core.exports import safe_cell


class SemicolonCSV(CSV):
    """CSV as Russian Excel opens it: semicolons (the admin adds the UTF-8 byte order mark)."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(dataset, delimiter=";", **kwargs)


class RegisterResource(resources.ModelResource):
    """The columns of one register; text that would start a formula is kept as text."""

    def export_field(self, field, instance, **kwargs):
        return safe_cell(super().export_field(field, instance, **kwargs))


class RegisterExportMixin(ExportActionMixin):
    """XLSX and CSV of the change list as filtered, with the register's Russian columns."""

    export_formats = [XLSX, SemicolonCSV]
    # The whole register: picking fields would show the model's English field names.
    export_form_class = ExportForm
    to_encoding = "utf-8-sig"


def text(header: str, attribute: str) -> fields.Field:
    """A column of text, ``attribute`` a path like ``organization__short_name``."""
    return fields.Field(attribute=attribute, column_name=header, readonly=True)


def number(header: str, attribute: str) -> fields.Field:
    """A column of whole numbers: numbers in XLSX."""
    return fields.Field(
        attribute=attribute, column_name=header, widget=widgets.IntegerWidget(), readonly=True
    )


def decimal(header: str, attribute: str) -> fields.Field:
    """A column of amounts (roubles, percent): numbers in XLSX."""
    return fields.Field(
        attribute=attribute, column_name=header, widget=widgets.DecimalWidget(), readonly=True
    )


def choice(header: str, name: str) -> fields.Field:
    """A column of a field with choices, as its Russian label."""
    return fields.Field(attribute=f"get_{name}_display", column_name=header, readonly=True)


def day(header: str, attribute: str) -> fields.Field:
    """A date column: a date in XLSX, «ДД.ММ.ГГГГ» in CSV."""
    return fields.Field(
        attribute=attribute,
        column_name=header,
        widget=widgets.DateWidget(format="%d.%m.%Y"),
        readonly=True,
    )


def moment(header: str, attribute: str) -> fields.Field:
    """A date and time column in local time: native in XLSX, «ДД.ММ.ГГГГ ЧЧ:ММ» in CSV."""
    return fields.Field(
        attribute=attribute,
        column_name=header,
        widget=widgets.DateTimeWidget(format="%d.%m.%Y %H:%M"),
        readonly=True,
    )


def names(header: str, attribute: str) -> fields.Field:
    """A column of people of a many-to-many relation, «Фамилия Имя Отчество» joined by «; »."""
    return fields.Field(
        attribute=attribute,
        column_name=header,
        widget=widgets.ManyToManyWidget(model=None, field="full_name", separator="; "),
        readonly=True,
    )


def yes_no(value: bool) -> str:
    return "да" if value else "нет"
