"""The handbook: the school's email regulation as a bilingual site, guides and training.

Layers, from the ground up (an import only ever points down):
    problems, fsutil, textfile, yamlfile      problems as values; atomic writes and the project lock; reading files
    model, parser                             the regulation as data, and the text → model parser
    translation, i18n, routes                 English by ID; languages and interface strings; the page catalogue
    citations, changes, schemas, guides,
    quizzes, reviews                          the content an editor writes, checked against the model
    project                                   everything loaded once, with every problem
    render, site, search, sitemaps, generated what the site is made of (text and files, no MkDocs)
    versions, publish, cli                    the commands
    plugin, config, quizpage                  the MkDocs layer (the only modules that import MkDocs)
"""
