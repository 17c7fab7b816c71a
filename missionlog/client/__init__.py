"""A missionlog service as a log: `HttpLog` has the MissionLog methods the CLI calls, so
`--db http://host:port` makes every command talk to a service instead of a file."""

from missionlog.client.http_log import HttpLog, service_url

__all__ = ["HttpLog", "service_url"]
