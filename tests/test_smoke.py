from conftest import claim_yaml


def test_minimal_site_builds_a_claim_page(project):
    project.add_basics()
    project.write("claims/2025/03/putin-no-concessions.yml", claim_yaml())
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert build.article("claims/putin-no-concessions/").h1.get_text() == "Putin rules out concessions"


def test_article_site_has_every_claim(article_site):
    index = article_site.page("claims/")
    assert len(index.select(".claims-table table tbody tr")) == 8
