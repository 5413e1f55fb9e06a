from ninja import NinjaAPI

api = NinjaAPI(title="TraceDesk API", version="1")
