from tests.factories import make_catalog_item, make_news


def test_home_and_column_render(client, portal):
    column = portal.column("news.headlines")
    news = make_news(column, title="榕江县召开春耕生产工作会")
    assert client.get("/").status_code == 200
    response = client.get(column.url)
    assert response.status_code == 200
    assert "榕江县召开春耕生产工作会" in response.content.decode()
    assert client.get(news.url).status_code == 200


def test_catalog_item_gets_index_number(portal):
    column = portal.unit_catalogue_column("czj")
    item = make_catalog_item(column)
    assert item.index_number.startswith(portal.unit("czj").code + "/")
