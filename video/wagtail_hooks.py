from wagtail import hooks


@hooks.register("portal_sidebar_blocks", order=10)
def video_sidebar_block(context):
    """Tin video: the newest video playable in place, more titles, a link to all videos."""
    from video.sidebar import cached_block

    return cached_block(context.get("request"), context.get("page"))


@hooks.register("portal_site_sections", order=20)
def site_sections(home, stdout):
    """This app's sections (listings, no content) for ``setup_site`` and ``load_demo``."""
    from video.demo import ensure_section

    ensure_section(home, stdout)


@hooks.register("portal_load_demo", order=20)
def load_demo(home, stdout):
    from video.demo import load

    load(home, stdout)
