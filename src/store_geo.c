/*
 * store_geo.c -- the store's event locations: where each merged event
 * happened (GDELT's ActionGeo), kept in `event_locations` for `kabar
 * events --country` and `--near`, and where its actors are (Actor1Geo,
 * Actor2Geo), kept in `actor_locations` for the GDELT export.
 *
 * Input: a stored event's id and a location of one of its mentions
 * (tag_place.c).  Output: one row per event and role, from its first
 * mention that has a location of that role.  Part of the store stage (docs/DESIGN.md, docs/STORE.md).
 */
#include <string.h>

#include "store.h"

kb_status store_geo_put(kb_store *st, long long event, int role,
                        const kb_location *l, kb_error *err) {
  sqlite3_stmt *q;
  int rc;
  if (l->type == KB_GEO_NONE)
    return KB_OK;
  q = store_stmt_get(st, role == STORE_GEO_ACTION ? ST_EVENT_LOCATION
                                                  : ST_ACTOR_LOCATION);
  if (q == NULL)
    return store_fail(st, err);
  sqlite3_bind_int64(q, 1, event);
  if (role != STORE_GEO_ACTION)
    sqlite3_bind_int(q, 10, role);
  sqlite3_bind_int(q, 2, (int)l->type);
  if (l->name.ptr)
    store_bind_text(q, 3, l->name.ptr, l->name.len);
  else
    sqlite3_bind_null(q, 3); /* bindings outlive sqlite3_reset */
  store_bind_text(q, 4, l->country, strlen(l->country));
  store_bind_text(q, 5, l->iso, strlen(l->iso));
  store_bind_text(q, 6, l->adm1, strlen(l->adm1));
  sqlite3_bind_double(q, 7, l->lat);
  sqlite3_bind_double(q, 8, l->lon);
  store_bind_text(q, 9, l->feature_id, strlen(l->feature_id));
  rc = sqlite3_step(q);
  sqlite3_reset(q);
  return rc == SQLITE_DONE ? KB_OK : store_fail(st, err);
}
