// test/importers/fake-pagerduty.ts
import http from "node:http";
var API = "https://api.pagerduty.com";
var ref = (type, id, summary) => {
  const plural = type.replace(/_reference$/, "").replace(/y$/, "ie") + "s";
  return { id, type, summary, self: `${API}/${plural}/${id}`, html_url: `https://acme.pagerduty.com/${plural}/${id}` };
};
var user = (id, name, email, time_zone) => ({ id, name, email, time_zone });
var MAIN_USERS = [
  user("PANN001", "Ann Lee", "ann.lee@example.com", "Amsterdam"),
  user("PBEN002", "Ben Ode", "ben@example.com", "Europe/Amsterdam"),
  user("PCYD003", "Cyd Park", "cyd@example.com", "Amsterdam"),
  user("PDAN004", "Dan Roe", "dan@example.com", "Berlin"),
  user("PEVE005", "Eve Sol", "eve@example.com", "Berlin"),
  user("PFAY006", "Fay Wu", "fay@example.com", "Eastern Time (US & Canada)"),
  user("PGUS007", "Gus Hale", "gus@example.com", "Eastern Time (US & Canada)"),
  user("PHAL008", "Hal Ito", "hal@example.com", "Central Time (US & Canada)"),
  user("PIVY009", "Ivy Nash", "ivy@example.com", "Pacific Time (US & Canada)"),
  user("PXAN010", "Xan Doe", null, "UTC")
];
var weekday = (day) => ({ type: "weekly_restriction", start_time_of_day: "09:00:00", duration_seconds: 28800, start_day_of_week: day });
var PLATFORM = {
  id: "PSPLAT1",
  name: "Platform Primary",
  time_zone: "Amsterdam",
  team: { id: "PTPLAT1", name: "Platform" },
  layers: [
    {
      id: "PLBIZ01",
      name: "Business hours",
      start: "2027-03-01T09:00:00+01:00",
      end: null,
      rotation_virtual_start: "2027-03-01T09:00:00+01:00",
      rotation_turn_length_seconds: 86400,
      users: [{ user: ref("user_reference", "PDAN004", "Dan Roe") }, { user: ref("user_reference", "PEVE005", "Eve Sol") }],
      restrictions: [weekday(1), weekday(2), weekday(3), weekday(4), weekday(5)]
    },
    {
      id: "PLWEEK1",
      name: "Weekly",
      // Created on a Wednesday afternoon; its turns hand off on Mondays at 09:00.
      start: "2027-01-06T15:30:00+01:00",
      end: null,
      rotation_virtual_start: "2027-01-04T09:00:00+01:00",
      rotation_turn_length_seconds: 604800,
      users: [
        { user: ref("user_reference", "PANN001", "Ann Lee") },
        { user: ref("user_reference", "PBEN002", "Ben Ode") },
        { user: ref("user_reference", "PCYD003", "Cyd Park") }
      ],
      restrictions: []
    },
    {
      id: "PLOLD01",
      name: "Old weekly",
      start: "2026-01-05T09:00:00+01:00",
      end: "2027-01-06T15:30:00+01:00",
      rotation_virtual_start: "2026-01-05T09:00:00+01:00",
      rotation_turn_length_seconds: 604800,
      users: [{ user: ref("user_reference", "PXAN010", "Xan Doe") }],
      restrictions: []
    }
  ],
  overrides: [],
  // Weekly: ben until Mon 22 Mar 09:00 CET, cyd until Mon 29 Mar 09:00 CEST, then ann.
  // Business hours Mon-Fri 09:00-17:00 local: eve, dan, eve, dan, eve; dan, eve, dan, eve, dan.
  final: [
    ["2027-03-22T01:00:00+01:00", "2027-03-22T09:00:00+01:00", "PBEN002"],
    ["2027-03-22T09:00:00+01:00", "2027-03-22T17:00:00+01:00", "PEVE005"],
    ["2027-03-22T17:00:00+01:00", "2027-03-23T09:00:00+01:00", "PCYD003"],
    ["2027-03-23T09:00:00+01:00", "2027-03-23T17:00:00+01:00", "PDAN004"],
    ["2027-03-23T17:00:00+01:00", "2027-03-24T09:00:00+01:00", "PCYD003"],
    ["2027-03-24T09:00:00+01:00", "2027-03-24T17:00:00+01:00", "PEVE005"],
    ["2027-03-24T17:00:00+01:00", "2027-03-25T09:00:00+01:00", "PCYD003"],
    ["2027-03-25T09:00:00+01:00", "2027-03-25T17:00:00+01:00", "PDAN004"],
    ["2027-03-25T17:00:00+01:00", "2027-03-26T09:00:00+01:00", "PCYD003"],
    ["2027-03-26T09:00:00+01:00", "2027-03-26T17:00:00+01:00", "PEVE005"],
    ["2027-03-26T17:00:00+01:00", "2027-03-29T09:00:00+02:00", "PCYD003"],
    ["2027-03-29T09:00:00+02:00", "2027-03-29T17:00:00+02:00", "PDAN004"],
    ["2027-03-29T17:00:00+02:00", "2027-03-30T09:00:00+02:00", "PANN001"],
    ["2027-03-30T09:00:00+02:00", "2027-03-30T17:00:00+02:00", "PEVE005"],
    ["2027-03-30T17:00:00+02:00", "2027-03-31T09:00:00+02:00", "PANN001"],
    ["2027-03-31T09:00:00+02:00", "2027-03-31T17:00:00+02:00", "PDAN004"],
    ["2027-03-31T17:00:00+02:00", "2027-04-01T09:00:00+02:00", "PANN001"],
    ["2027-04-01T09:00:00+02:00", "2027-04-01T17:00:00+02:00", "PEVE005"],
    ["2027-04-01T17:00:00+02:00", "2027-04-02T09:00:00+02:00", "PANN001"],
    ["2027-04-02T09:00:00+02:00", "2027-04-02T17:00:00+02:00", "PDAN004"],
    ["2027-04-02T17:00:00+02:00", "2027-04-05T02:00:00+02:00", "PANN001"]
  ]
};
var SUPPORT = {
  id: "PSSUPP1",
  name: "Support Weekend",
  time_zone: "Eastern Time (US & Canada)",
  team: { id: "PTSUPP1", name: "Support" },
  layers: [
    {
      id: "PLWKND1",
      name: "Weekend",
      start: "2027-01-01T17:00:00-05:00",
      end: null,
      rotation_virtual_start: "2027-01-01T17:00:00-05:00",
      rotation_turn_length_seconds: 604800,
      users: [{ user: ref("user_reference", "PFAY006", "Fay Wu") }, { user: ref("user_reference", "PGUS007", "Gus Hale") }],
      // Friday 17:00 to Monday 09:00.
      restrictions: [{ type: "weekly_restriction", start_time_of_day: "17:00:00", duration_seconds: 230400, start_day_of_week: 5 }]
    }
  ],
  overrides: [
    { id: "PO0IVY1", start: "2027-03-24T16:00:00-04:00", end: "2027-03-24T22:00:00-04:00", user: "PIVY009" },
    { id: "PO0HAL1", start: "2027-03-27T12:00:00-04:00", end: "2027-03-27T20:00:00-04:00", user: "PHAL008" }
  ],
  // Turns from Fri 1 Jan 2027 17:00: gus from 19 Mar, fay from 26 Mar, gus from 2 Apr (EDT all window).
  final: [
    ["2027-03-21T20:00:00-04:00", "2027-03-22T09:00:00-04:00", "PGUS007"],
    ["2027-03-24T16:00:00-04:00", "2027-03-24T22:00:00-04:00", "PIVY009"],
    ["2027-03-26T17:00:00-04:00", "2027-03-27T12:00:00-04:00", "PFAY006"],
    ["2027-03-27T12:00:00-04:00", "2027-03-27T20:00:00-04:00", "PHAL008"],
    ["2027-03-27T20:00:00-04:00", "2027-03-29T09:00:00-04:00", "PFAY006"],
    ["2027-04-02T17:00:00-04:00", "2027-04-04T20:00:00-04:00", "PGUS007"]
  ]
};
var MAIN = {
  since: "2027-03-22T00:00:00Z",
  until: "2027-04-05T00:00:00Z",
  users: MAIN_USERS,
  teams: [
    { id: "PTPLAT1", name: "Platform", members: ["PANN001", "PBEN002", "PCYD003", "PDAN004", "PEVE005", "PXAN010"] },
    { id: "PTSUPP1", name: "Support", members: ["PFAY006", "PGUS007", "PHAL008", "PIVY009"] }
  ],
  schedules: [PLATFORM, SUPPORT],
  policies: [
    {
      id: "PEPPLAT",
      type: "escalation_policy",
      name: "Platform Critical",
      num_loops: 2,
      on_call_handoff_notifications: "if_has_services",
      escalation_rules: [
        { id: "PER0001", escalation_delay_in_minutes: 15, targets: [ref("schedule_reference", "PSPLAT1", "Platform Primary")] },
        {
          id: "PER0002",
          escalation_delay_in_minutes: 30,
          targets: [ref("user_reference", "PDAN004", "Dan Roe"), ref("schedule_reference", "PSSUPP1", "Support Weekend")]
        }
      ],
      teams: [ref("team_reference", "PTPLAT1", "Platform")]
    },
    {
      id: "PEPSUPP",
      type: "escalation_policy",
      name: "Support Default",
      num_loops: 0,
      escalation_rules: [
        { id: "PER0003", escalation_delay_in_minutes: 10, targets: [ref("user_reference", "PFAY006", "Fay Wu")] },
        { id: "PER0004", escalation_delay_in_minutes: 10, targets: [ref("schedule_reference", "PSSUPP1", "Support Weekend")] }
      ],
      teams: []
    }
  ]
};
var region = (id, name, start, seconds, members, from) => ({
  id,
  name,
  start,
  end: null,
  rotation_virtual_start: "2026-11-02T00:00:00Z",
  rotation_turn_length_seconds: seconds,
  users: members.map(([uid, uname]) => ({ user: ref("user_reference", uid, uname) })),
  restrictions: [{ type: "daily_restriction", start_time_of_day: from, duration_seconds: 28800 }]
});
var FOLLOW_THE_SUN = {
  since: "2026-11-24T00:00:00Z",
  until: "2026-11-26T00:00:00Z",
  users: [
    user("PKIM001", "Kim Ng", "kim@example.com", "Sydney"),
    user("PLEE002", "Lee Tan", "lee@example.com", "Sydney"),
    user("PMAX003", "Max Berg", "max@example.com", "London"),
    user("PNIA004", "Nia Okafor", "nia@example.com", "London"),
    user("POLI005", "Oli Reyes", "oli@example.com", "Pacific Time (US & Canada)"),
    user("PPAT006", "Pat Quinn", "pat@example.com", "Pacific Time (US & Canada)")
  ],
  teams: [{ id: "PTSRE01", name: "SRE", members: ["PKIM001", "PLEE002", "PMAX003", "PNIA004", "POLI005", "PPAT006"] }],
  schedules: [
    {
      id: "PSSUN01",
      name: "Follow the Sun",
      time_zone: "UTC",
      team: { id: "PTSRE01", name: "SRE" },
      layers: [
        region("PLAMER1", "Americas", "2026-11-24T17:30:00Z", 604800, [["POLI005", "Oli Reyes"], ["PPAT006", "Pat Quinn"]], "14:00:00"),
        region("PLEMEA1", "Europe", "2026-11-02T00:00:00Z", 604800, [["PMAX003", "Max Berg"], ["PNIA004", "Nia Okafor"]], "06:00:00"),
        region("PLAPAC1", "Asia-Pacific", "2026-11-02T00:00:00Z", 86400, [["PKIM001", "Kim Ng"], ["PLEE002", "Lee Tan"]], "22:00:00")
      ],
      overrides: [],
      // Weekly turns from Mon 2 Nov: nia and pat this week; daily: kim on the 24th, lee on the 25th.
      final: [
        ["2026-11-24T00:00:00Z", "2026-11-24T06:00:00Z", "PKIM001"],
        ["2026-11-24T06:00:00Z", "2026-11-24T14:00:00Z", "PNIA004"],
        ["2026-11-24T17:30:00Z", "2026-11-24T22:00:00Z", "PPAT006"],
        ["2026-11-24T22:00:00Z", "2026-11-25T00:00:00Z", "PKIM001"],
        ["2026-11-25T00:00:00Z", "2026-11-25T06:00:00Z", "PLEE002"],
        ["2026-11-25T06:00:00Z", "2026-11-25T14:00:00Z", "PNIA004"],
        ["2026-11-25T14:00:00Z", "2026-11-25T22:00:00Z", "PPAT006"],
        ["2026-11-25T22:00:00Z", "2026-11-26T00:00:00Z", "PLEE002"]
      ]
    }
  ],
  policies: []
};
var UNMAPPABLE = {
  since: "2026-11-24T00:00:00Z",
  until: "2026-11-24T06:00:00Z",
  users: [user("PQUI001", "Quin Fox", "quin@example.com", "UTC"), user("PRAE002", "Rae Kim", "rae@example.com", "UTC")],
  teams: [{ id: "PTINC01", name: "Incident", members: ["PQUI001", "PRAE002"] }],
  schedules: [
    {
      id: "PSIC001",
      name: "Incident Commander",
      time_zone: "UTC",
      team: { id: "PTINC01", name: "Incident" },
      layers: [
        {
          id: "PLIC001",
          name: "Layer 1",
          start: "2026-11-24T00:00:00Z",
          end: null,
          rotation_virtual_start: "2026-11-24T00:00:00Z",
          rotation_turn_length_seconds: 5400,
          users: [{ user: ref("user_reference", "PQUI001", "Quin Fox") }, { user: ref("user_reference", "PRAE002", "Rae Kim") }],
          restrictions: []
        }
      ],
      overrides: [],
      final: [
        ["2026-11-24T00:00:00Z", "2026-11-24T01:30:00Z", "PQUI001"],
        ["2026-11-24T01:30:00Z", "2026-11-24T03:00:00Z", "PRAE002"],
        ["2026-11-24T03:00:00Z", "2026-11-24T04:30:00Z", "PQUI001"],
        ["2026-11-24T04:30:00Z", "2026-11-24T06:00:00Z", "PRAE002"]
      ]
    },
    {
      id: "PSMOON1",
      name: "Lunar Base",
      time_zone: "Lunar Standard Time",
      team: null,
      layers: [],
      overrides: [],
      final: [["2026-11-24T00:00:00Z", "2026-11-24T06:00:00Z", "PRAE002"]]
    }
  ],
  policies: []
};
var error = (status, message, code, headers = {}) => ({
  status,
  headers,
  body: { error: { message, code } }
});
var FakePagerDuty = class {
  constructor(account, options) {
    this.account = account;
    this.options = options;
  }
  requests = [];
  url = "";
  /** Answer the next request 429 with Retry-After: 1. */
  rateLimitOnce = false;
  /** Answer this many requests 503 (Infinity: all of them). */
  serverErrors = 0;
  server = http.createServer((req, res) => this.serve(req, res));
  async start() {
    await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }
  async close() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
  /** The offsets asked of one listing, in order. */
  offsets(path) {
    return this.requests.filter((r) => r.path === path && r.status === 200).map((r) => Number(r.query.get("offset") ?? 0));
  }
  serve(req, res) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rec = { path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, status: 0 };
    this.requests.push(rec);
    const reply = this.answer(req, url);
    rec.status = reply.status;
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }
  answer(req, url) {
    if (req.method !== "GET") return error(405, "Method Not Allowed", 2e3);
    if (req.headers.authorization !== `Token token=${this.options.token}`) return error(401, "Unauthorized", 2006);
    if (this.rateLimitOnce) {
      this.rateLimitOnce = false;
      return error(429, "Rate Limit Exceeded", 2020, { "retry-after": "1" });
    }
    if (this.serverErrors > 0) {
      this.serverErrors--;
      return error(503, "Service Unavailable", 2e3);
    }
    const q = url.searchParams;
    const a = this.account;
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const userRef = (id) => {
      const u = a.users.find((x) => x.id === id);
      return ref("user_reference", id, u?.name ?? id);
    };
    if (parts.length === 1 && parts[0] === "users") {
      return this.page(q, "users", a.users.map((u) => ({ ...u, type: "user", summary: u.name, self: `${API}/users/${u.id}`, role: "user", color: "green" })));
    }
    if (parts.length === 1 && parts[0] === "teams") {
      return this.page(q, "teams", a.teams.map((t) => ({ id: t.id, type: "team", name: t.name, summary: t.name, description: null, self: `${API}/teams/${t.id}` })));
    }
    if (parts.length === 3 && parts[0] === "teams" && parts[2] === "members") {
      const team = a.teams.find((t) => t.id === parts[1]);
      if (!team) return error(404, "Not Found", 2100);
      return this.page(q, "members", team.members.map((id) => ({ user: userRef(id), role: "responder" })));
    }
    if (parts.length === 1 && parts[0] === "escalation_policies") return this.page(q, "escalation_policies", a.policies);
    if (parts[0] !== "schedules") return error(404, "Not Found", 2100);
    if (parts.length === 1) {
      return this.page(q, "schedules", a.schedules.map((s) => ({ ...this.scheduleHead(s), users: [], escalation_policies: [] })));
    }
    const schedule = a.schedules.find((s) => s.id === parts[1]);
    if (!schedule) return error(404, "Not Found", 2100);
    if (q.get("since") !== a.since || q.get("until") !== a.until) {
      return error(400, `this fake renders only since=${a.since}&until=${a.until}`, 2001);
    }
    const entries = (list) => list.map(([start, end, id]) => ({ start, end, user: userRef(id) }));
    if (parts.length === 2) {
      if (q.has("time_zone") && q.get("time_zone") !== schedule.time_zone) return error(400, "this fake renders only in the schedule time zone", 2001);
      const overrides = schedule.overrides.map((o) => [o.start, o.end, o.user]);
      return {
        status: 200,
        body: {
          schedule: {
            ...this.scheduleHead(schedule),
            schedule_layers: schedule.layers,
            overrides_subschedule: { name: "Overrides", rendered_schedule_entries: entries(overrides), rendered_coverage_percentage: null },
            final_schedule: { name: "Final Schedule", rendered_schedule_entries: entries(schedule.final), rendered_coverage_percentage: null },
            users: [],
            escalation_policies: []
          }
        }
      };
    }
    if (parts.length === 3 && parts[2] === "overrides") {
      return { status: 200, body: { overrides: schedule.overrides.map((o) => ({ id: o.id, start: o.start, end: o.end, user: userRef(o.user) })) } };
    }
    return error(404, "Not Found", 2100);
  }
  scheduleHead(s) {
    return {
      id: s.id,
      type: "schedule",
      summary: s.name,
      self: `${API}/schedules/${s.id}`,
      html_url: `https://acme.pagerduty.com/schedules/${s.id}`,
      name: s.name,
      time_zone: s.time_zone,
      description: null,
      teams: s.team ? [ref("team_reference", s.team.id, s.team.name)] : []
    };
  }
  /** Classic pagination: limit defaults to 25 and is at most 100; `total` only when asked. */
  page(q, key, all) {
    const asked = q.has("limit") ? Number(q.get("limit")) : 25;
    const offset = q.has("offset") ? Number(q.get("offset")) : 0;
    if (!Number.isInteger(asked) || asked < 1 || !Number.isInteger(offset) || offset < 0) return error(400, "Invalid Input Provided", 2001);
    const limit = Math.min(asked, 100, this.options.pageCap ?? 100);
    const items = all.slice(offset, offset + limit);
    return {
      status: 200,
      body: { [key]: items, limit, offset, more: offset + items.length < all.length, total: q.get("total") === "true" ? all.length : null }
    };
  }
};
async function startFakePagerDuty(account, options) {
  return new FakePagerDuty(account, options).start();
}

// .handtest/serve-pd.ts
var fake = await startFakePagerDuty(MAIN, { token: "hand-test-token-123456" });
console.log(fake.url ?? JSON.stringify(Object.keys(fake)));
