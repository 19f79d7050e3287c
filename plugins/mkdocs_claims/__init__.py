"""mkdocs-claims: explainer websites about what public figures claim, from one YAML file per claim.

The core (document, schema, loader, model, relations, links, site, urls) never imports MkDocs;
`plugin` adapts it to MkDocs and ProperDocs, `cli` to the command line.
"""

__version__ = "0.1.0"
