"""Rendering a casefile for people: the timeline figure, and names and order shared by pages."""

from __future__ import annotations

from ._figure import timeline_svg

__all__ = ["timeline_svg"]
