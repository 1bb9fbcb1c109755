"""Wagtail hooks of the editors' desk: dashboard panels and the demo import."""

from wagtail import hooks

from portal.editorial.dashboard import panels


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panel_list):
    panel_list.extend(panels())
