"""Mastodon.py (Debian's python3-mastodon) driving microposts' API, for test/clients/mastodon-py.test.ts.

Usage: python3 mastodon_py_flow.py '<JSON arguments>'
  {"step": "register", "base": URL, "redirect": URI}
      registers an app and prints {client_id, client_secret, authorize_url}.
  {"step": "flow", "base": URL, "redirect": URI, "client_id", "client_secret", "code", "friend_id",
   "other_id", "friend_status_id", "tag", "marker_id", "other_poll_id"}
      exchanges the code for a token, runs the everyday calls and prints one JSON object: a section per
      feature, each either the values the test asserts on or {"error": "..."} when the library raised.
Ids are printed as strings: Mastodon.py turns them into Python ints, which JSON would hand to
JavaScript as doubles.
"""

import json
import sys
import traceback

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

SCOPES = ["read", "write", "follow"]


def ids(items):
    return [str(item["id"]) for item in items]


def register(args):
    client_id, client_secret = Mastodon.create_app(
        "Mastodon.py test",
        scopes=SCOPES,
        redirect_uris=args["redirect"],
        website="https://mastodonpy.example",
        api_base_url=args["base"],
    )
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=args["base"])
    url = api.auth_request_url(redirect_uris=args["redirect"], scopes=SCOPES, state="py-state")
    return {"client_id": client_id, "client_secret": client_secret, "authorize_url": url}


def flow(args):
    out = {}

    def section(name):
        """Runs one feature; an exception is recorded for the test to show, and the next feature runs."""

        def run(fn):
            try:
                out[name] = fn()
            except Exception as error:  # noqa: BLE001 - every failure is reported to the test
                out[name] = {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()}

        return run

    # The default version_check_mode ("created") reads /api/v1/instance and refuses calls newer
    # than the version the server announces.
    api = Mastodon(client_id=args["client_id"], client_secret=args["client_secret"], api_base_url=args["base"])
    token = api.log_in(code=args["code"], redirect_uri=args["redirect"], scopes=SCOPES)
    out["token"] = token
    friend, other, tag = args["friend_id"], args["other_id"], args["tag"]
    # Mastodon.py 1.8 has no tag_follow/tag_unfollow (2.0 added them): its own request method sends them.
    request = api._Mastodon__api_request

    @section("me")
    def _():
        me = api.account_verify_credentials()
        return {
            "id": str(me["id"]),
            "username": me["username"],
            "role": me["role"]["name"] if me.get("role") else None,
            "indexable": me["source"].get("indexable"),
            "version": api.retrieve_mastodon_version(),
        }

    @section("post")
    def _():
        mine = api.status_post("Ein kurzer Gruß nur für meine Folgenden", visibility="private", language="de")
        reply = api.status_post("@friend a reply from Python", in_reply_to_id=int(args["friend_status_id"]))
        context = api.status_context(reply["id"])
        return {
            "id": str(mine["id"]),
            "visibility": mine["visibility"],
            "language": mine["language"],
            "reply_id": str(reply["id"]),
            "in_reply_to_id": str(reply["in_reply_to_id"]),
            "in_reply_to_account_id": str(reply["in_reply_to_account_id"]),
            "ancestors": ids(context["ancestors"]),
        }

    @section("edit")
    def _():
        edited = api.status_update(out["post"]["reply_id"], status="@friend an edited reply from Python")
        return {"content": edited["content"], "edited": edited["edited_at"] is not None}

    # Edit history, source and pins (issue 11 items 7 and 2), in one block.
    @section("history_pins")
    def _():
        reply_id, mine, me = out["post"]["reply_id"], out["post"]["id"], api.me()["id"]
        history = api.status_history(reply_id)
        source = api.status_source(reply_id)
        pinned = api.status_pin(mine)
        listed = api.account_statuses(me, pinned=True)
        unpinned = api.status_unpin(mine)
        try:
            api.status_pin(args["friend_status_id"])
            refused = None
        except MastodonAPIError as error:
            refused = [error.args[1], error.args[-1]]
        return {
            "history": [version["content"] for version in history],
            "dated": all(version["created_at"] is not None for version in history),
            "source": [str(source["id"]), source["text"], source["spoiler_text"]],
            "pinned": pinned["pinned"],
            "listed": ids(listed),
            "unpinned": unpinned["pinned"],
            "after": ids(api.account_statuses(me, pinned=True)),
            "refused": refused,
        }

    @section("profile")
    def _():
        updated = api.account_update_credentials(display_name="Py Thon", note="Written by Mastodon.py")
        looked_up = api.account_lookup("friend")
        return {
            "display_name": updated["display_name"],
            "note": updated["source"]["note"],
            "lookup": str(looked_up["id"]),
            "lists": api.account_lists(friend),
            "featured_tags": api.account_featured_tags(friend),
            "statuses": len(api.account_statuses(friend, limit=40)),
            "preferences": api.preferences()["posting:default:visibility"],
            "instance": api.instance()["uri"],
        }

    @section("favourite")
    def _():
        on = api.status_favourite(args["friend_status_id"])
        by = api.status_favourited_by(args["friend_status_id"])
        off = api.status_unfavourite(args["friend_status_id"])
        return {
            "on": [on["favourited"], on["favourites_count"]],
            "by": [a["username"] for a in by],
            "off": [off["favourited"], off["favourites_count"]],
        }

    @section("reblog")
    def _():
        # Boosts: the wrapper holds the original; reblogged_by lists me; unreblog answers the original.
        on = api.status_reblog(args["friend_status_id"], visibility="unlisted")
        again = api.status_reblog(args["friend_status_id"])
        by = api.status_reblogged_by(args["friend_status_id"])
        mine = api.account_statuses(api.me()["id"], limit=40)
        without = api.account_statuses(api.me()["id"], exclude_reblogs=True, limit=40)
        off = api.status_unreblog(args["friend_status_id"])
        return {
            "wrapper": [on["visibility"], str(on["reblog"]["id"]), on["reblog"]["reblogged"], on["reblog"]["reblogs_count"]],
            "same": str(again["id"]) == str(on["id"]),
            "by": [a["username"] for a in by],
            "profile": [str(on["id"]) in ids(mine), str(on["id"]) in ids(without)],
            "off": [str(off["id"]), off["reblogged"], off["reblogs_count"]],
        }

    @section("follow")
    def _():
        on = api.account_follow(friend)
        following = api.account_following(api.me()["id"])
        rel = api.account_relationships(friend)[0]
        # Sent as a JSON body on a GET: friend, whom I follow, follows me.
        familiar = api.account_familiar_followers(api.me()["id"])
        off = api.account_unfollow(friend)
        return {
            "on": on["following"],
            "following": [a["username"] for a in following],
            "relationship": rel["following"],
            "familiar": [[str(entry["id"]), [a["username"] for a in entry["accounts"]]] for entry in familiar],
            "off": off["following"],
        }

    @section("lists")
    def _():
        api.account_follow(friend)
        made = api.list_create("Python friends")
        renamed = api.list_update(made["id"], "Py friends")
        api.list_accounts_add(made["id"], [friend])
        members = api.list_accounts(made["id"])
        timeline = api.timeline_list(made["id"], limit=40)
        holding = api.account_lists(friend)
        all_lists = api.lists()
        api.list_accounts_delete(made["id"], [friend])
        emptied = api.list_accounts(made["id"])
        api.list_delete(made["id"])
        try:
            api.list(made["id"])
            gone = False
        except MastodonNotFoundError:
            gone = True
        api.account_unfollow(friend)
        return {
            "made": [made["title"], made["replies_policy"], made["exclusive"]],
            "renamed": renamed["title"],
            "members": [a["username"] for a in members],
            "timeline_has_friend_status": args["friend_status_id"] in ids(timeline),
            "timeline_authors": sorted({a["account"]["username"] for a in timeline}),
            "holding": [entry["title"] for entry in holding],
            "lists": [entry["title"] for entry in all_lists],
            "emptied": len(emptied),
            "gone": gone,
        }

    @section("account_search")
    def _():
        return [a["username"] for a in api.account_search("fri")]

    @section("notifications")
    def _():
        every = api.notifications()
        from_friend = api.notifications(account_id=friend)
        return {
            "all": sorted(str(n["account"]["id"]) for n in every),
            "types": sorted({n["type"] for n in every}),
            "friend": [str(n["account"]["id"]) for n in from_friend],
        }

    @section("markers")
    def _():
        saved = api.markers_set(["notifications"], [int(args["marker_id"])])
        read = api.markers_get(["notifications"])
        return {
            "saved": str(saved["notifications"]["last_read_id"]),
            "read": str(read["notifications"]["last_read_id"]),
            "version": read["notifications"]["version"],
        }

    @section("block")
    def _():
        on = api.account_block(other)
        listed = api.blocks()
        off = api.account_unblock(other)
        return {"on": on["blocking"], "listed": ids(listed), "off": off["blocking"]}

    @section("mute")
    def _():
        on = api.account_mute(other, notifications=False, duration=3600)
        listed = api.mutes()
        off = api.account_unmute(other)
        return {
            "on": [on["muting"], on["muting_notifications"]],
            "listed": ids(listed),
            "expires": listed[0].get("mute_expires_at") is not None if listed else None,
            "off": off["muting"],
        }

    @section("conversations")
    def _():
        direct = api.status_post("@friend just between us", visibility="direct")
        found = api.conversations()
        read = api.conversations_read(found[0]["id"]) if found else None
        return {
            "direct": str(direct["id"]),
            "visibility": direct["visibility"],
            "last_status": [str(c["last_status"]["id"]) for c in found],
            "accounts": [[a["username"] for a in c["accounts"]] for c in found],
            "read_unread": read["unread"] if read else None,
        }

    @section("directory")
    def _():
        return [a["username"] for a in api.directory(order="new", local=True)]

    @section("suggestions")
    def _():
        return [a["username"] for a in api.suggestions()]

    @section("tags")
    def _():
        on = request("POST", f"/api/v1/tags/{tag}/follow")
        followed = request("GET", "/api/v1/followed_tags")
        off = request("POST", f"/api/v1/tags/{tag}/unfollow")
        return {"on": on["following"], "followed": [t["name"] for t in followed], "off": off["following"]}

    @section("paging")
    def _():
        pages = []
        page = api.timeline_hashtag(tag, limit=2)
        while page:
            pages.append(ids(page))
            page = api.fetch_next(page)
        return pages

    @section("home")
    def _():
        first = api.timeline_home(limit=1)
        older = api.fetch_next(first)
        newer = api.fetch_previous(older)
        return {"first": ids(first), "older": ids(older), "newer": ids(newer)}

    @section("dismiss")
    def _():
        every = api.notifications()
        api.notifications_dismiss(every[0]["id"])
        api.suggestion_delete(friend)
        return {
            "before": [str(n["account"]["id"]) for n in every],
            "after": len(api.notifications()),
            "suggested": [a["username"] for a in api.suggestions()],
        }

    @section("search")
    def _():
        found = api.search_v2(tag, resolve=False)
        accounts = api.search_v2("friend", result_type="accounts")
        return {
            "hashtags": [t["name"] for t in found["hashtags"]],
            "statuses": len(found["statuses"]),
            "accounts": [a["username"] for a in accounts["accounts"]],
        }

    # Filters v2 (Mastodon.py 1.8 has only v1's calls: v2 goes through its own request method, with a
    # JSON body as Mastodon.py 2's create_filter_v2 sends it). A hide filter takes a status out of
    # the home timeline; deleting the filter brings it back.
    @section("filters")
    def _():
        mine = api.status_post("Broccoli again for dinner")
        made = request(
            "POST",
            "/api/v2/filters",
            {
                "title": "No broccoli",
                "context": ["home", "public"],
                "filter_action": "hide",
                "keywords_attributes": [{"keyword": "broccoli", "whole_word": True}],
            },
            use_json=True,
        )
        listed = request("GET", "/api/v2/filters")
        v1 = api.filters()
        hidden = str(mine["id"]) not in ids(api.timeline_home(limit=40))
        request("DELETE", f"/api/v2/filters/{made['id']}")
        after = request("GET", "/api/v2/filters")
        back = str(mine["id"]) in ids(api.timeline_home(limit=40))
        api.status_delete(mine["id"])
        return {
            "made": {
                "title": made["title"],
                "context": made["context"],
                "action": made["filter_action"],
                "keywords": [[k["keyword"], k["whole_word"]] for k in made["keywords"]],
            },
            "listed": [f["title"] for f in listed],
            "v1": [[f["phrase"], f["irreversible"], f["context"]] for f in v1],
            "hidden": hidden,
            "after": len(after),
            "back": back,
        }

    @section("delete")
    def _():
        deleted = api.status_delete(out["post"]["id"])
        try:
            api.status(out["post"]["id"])
            gone = False
        except MastodonNotFoundError:
            gone = True
        return {"text": deleted.get("text"), "gone": gone}

    # Polls: status_post with make_poll, poll_vote on another's poll, poll; voting in one's own poll.
    @section("poll")
    def _():
        made = api.make_poll(["Tea", "Coffee", "Water"], expires_in=3600, multiple=True, hide_totals=False)
        posted = api.status_post("Tea or coffee? #pollflow", poll=made)
        api.poll_vote(args["other_poll_id"], [1])  # Mastodon.py 1.8 returns nothing here
        voted = api.poll(args["other_poll_id"])
        again = api.status(args["other_poll_id"])["poll"]
        try:
            api.poll_vote(posted["poll"]["id"], [0])
            own = "accepted"
        except MastodonAPIError as error:
            own = error.args[-1]
        return {
            "posted": {
                "id": str(posted["poll"]["id"]),
                "status_id": str(posted["id"]),
                "options": [o["title"] for o in posted["poll"]["options"]],
                "multiple": posted["poll"]["multiple"],
                "expired": posted["poll"]["expired"],
            },
            "voted": {"voted": voted["voted"], "own_votes": voted["own_votes"], "votes_count": voted["votes_count"]},
            "again": {"own_votes": again["own_votes"], "counts": [o["votes_count"] for o in again["options"]]},
            "own": own,
        }

    return out


def main():
    args = json.loads(sys.argv[1])
    result = register(args) if args["step"] == "register" else flow(args)
    print(json.dumps(result))


main()
