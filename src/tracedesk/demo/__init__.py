"""Demo data: fictional people and organisations at real places, loaded through the services.

`tracedesk.demo.loader.load_demo` writes the records declared in `tracedesk.demo.data`.
"""
