"""The serialization format of ``manage.py backup``: Django's JSON, but datetimes and
times keep their microseconds (Django's encoder cuts them to milliseconds, so a
backup-restore round trip would change every timestamp a little)."""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401  (the format's reader)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer


class PreciseJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = PreciseJSONEncoder
