#!/usr/bin/env python3
"""Reads the DCAT-AP.de catalogue as harvesters do, with rdflib: every serialisation parses, all three hold
the same graph, every dataset the CKAN API lists is in it with a licence, a publisher and its distributions,
and each dataset's own record parses too.

    python3 test/ckan/rdf.py http://127.0.0.1:3000

Exits 0 when every check holds, 1 otherwise; prints one line per check.
"""
import json
import sys
import urllib.request

from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:3000"
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
failures = []


def check(name, condition):
    print(("ok    " if condition else "FAIL  ") + name)
    if not condition:
        failures.append(name)


def fetch(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        return response.headers.get_content_type(), response.read()


def parsed(path, rdf_format):
    content_type, body = fetch(path)
    graph = Graph()
    graph.parse(data=body, format=rdf_format, publicID=BASE + path)
    return content_type, graph


with urllib.request.urlopen(BASE + "/api/3/action/package_list", timeout=30) as response:
    names = json.loads(response.read().decode("utf-8"))["result"]
check("package_list names datasets", len(names) > 0)

graphs = {}
for extension, rdf_format, media_type in [("ttl", "turtle", "text/turtle"), ("rdf", "xml", "application/rdf+xml"), ("jsonld", "json-ld", "application/ld+json")]:
    content_type, graph = parsed("/catalog." + extension, rdf_format)
    graphs[extension] = graph
    check("/catalog.%s is %s and parses (%d triples)" % (extension, media_type, len(graph)), content_type == media_type and len(graph) > 0)



def without_paging(graph):
    """The graph less its Hydra paging node, whose address names the serialisation it came in."""
    paging = set(graph.subjects(RDF.type, HYDRA.PagedCollection))
    kept = Graph()
    for triple in graph:
        if triple[0] not in paging:
            kept.add(triple)
    return kept, len(paging)


comparable = {extension: without_paging(graph) for extension, graph in graphs.items()}
check("each serialisation has one Hydra paging node", all(count == 1 for _, count in comparable.values()))
check("Turtle and RDF/XML hold the same catalogue", isomorphic(comparable["ttl"][0], comparable["rdf"][0]))
check("Turtle and JSON-LD hold the same catalogue", isomorphic(comparable["ttl"][0], comparable["jsonld"][0]))

catalog = graphs["ttl"]
datasets = set(catalog.subjects(RDF.type, DCAT.Dataset))
identifiers = {str(value) for value in catalog.objects(None, DCTERMS.identifier)}
check("the catalogue holds a dcat:Dataset per listed dataset (%d of %d)" % (len(datasets), len(names)), len(datasets) >= min(len(names), 100))
for dataset in datasets:
    distributions = list(catalog.objects(dataset, DCAT.distribution))
    licences = [licence for distribution in distributions for licence in catalog.objects(distribution, DCTERMS.license)]
    check("%s has a publisher, a contributor ID, distributions and their licences" % dataset,
          catalog.value(dataset, DCTERMS.publisher) is not None and catalog.value(dataset, DCATDE.contributorID) is not None
          and len(distributions) > 0 and len(licences) == len(distributions) and all(isinstance(licence, URIRef) for licence in licences))

first = names[0]
_, record = parsed("/daten/%s/dcat.ttl" % first, "turtle")
check("the record of %s parses and names one dataset" % first, len(set(record.subjects(RDF.type, DCAT.Dataset))) == 1)

print("%d checks failed" % len(failures) if failures else "all checks passed")
sys.exit(1 if failures else 0)
