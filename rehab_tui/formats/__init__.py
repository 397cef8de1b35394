"""The file formats rehab writes and reads back: its JSON export and the CSV
(export.py, export_reader.py) and the routine as iCalendar (ics.py).

They take and give the domain's plain data (domain/contents.py) and never
import the store: the commands hand them what the store read, and the store's
import merges what they checked.
"""
