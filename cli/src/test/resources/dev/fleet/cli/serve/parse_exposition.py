# Parses a scrape on stdin with the Prometheus Python client's own parser (argv[1]: text or openmetrics) and prints
# its metric families as JSON, for ExpositionParser.
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
from prometheus_client.parser import text_string_to_metric_families as text_families

parse = {"text": text_families, "openmetrics": openmetrics_families}[sys.argv[1]]
json.dump([{"name": family.name, "type": family.type, "help": family.documentation,
            "samples": [{"name": sample.name, "labels": sample.labels, "value": sample.value}
                        for sample in family.samples]}
           for family in parse(sys.stdin.read())], sys.stdout)
