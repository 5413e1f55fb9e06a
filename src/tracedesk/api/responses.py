"""The error responses operations declare, so that the OpenAPI document shows them."""

from tracedesk.api.schemas import ErrorOut


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """``{status: ErrorOut}`` for the given statuses, plus the ones every operation may answer.

    401: no or bad credentials; 422: a parameter or body does not match its schema.
    """
    return {status: ErrorOut for status in sorted({401, 422, *statuses})}
