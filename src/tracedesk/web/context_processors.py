from django.conf import settings

from tracedesk.accounts import roles


def workbench(request):
    """What every page's navigation needs to know about the user."""
    user = request.user
    return {
        "can_edit_registry": roles.can_edit_registry(user),
        "can_use_tracing": roles.can_use_tracing(user),
        "is_admin": roles.is_admin(user),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
