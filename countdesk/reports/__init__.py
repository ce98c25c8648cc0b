"""Printed documents of the count: declarations, provisional sheets, notices, statements."""
