// The cases_mock dashboard: plain DOM, no framework, no build step. Every fact comes from the
// server: state from api/*, rule evaluation from api/preview (the API's own rule engine).
"use strict";

const API = new URL("api/", document.baseURI);
const CONTROL = new URL("../", document.baseURI); // the server's control endpoints
const view = () => document.getElementById("view");

// -- small helpers -------------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The status line speaks for the page on show: cleared when another page opens (hashchange), and
// a page's late answer (a search that returns after the user moved on) is dropped rather than
// shown on the next page. ``rendered`` counts the pages route() has drawn; a page passes the
// number it was drawn as.
let rendered = 0;

function say(text, isError, page) {
  if (page !== undefined && page !== rendered) return;
  const line = document.getElementById("status");
  line.textContent = text || "";
  line.className = isError ? "error" : "";
}

// "1 case", "2 cases": a count with its noun in the right number.
function count(n, singular, plural) {
  return `${n} ${n === 1 ? singular : plural || `${singular}s`}`;
}

// A server started with a control token wants it on every control request (the page itself
// loads without it): asked for once, kept for this tab only.
const TOKEN_KEY = "cases-mock-control-token";

async function request(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) init.headers["x-cases-mock-token"] = token;
  const response = await fetch(url, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (_) { data = { message: text }; }
  if (response.status === 401) {
    const given = window.prompt("This server needs its control token (--control-token):", "");
    if (given) {
      sessionStorage.setItem(TOKEN_KEY, given);
      return request(method, url, body);
    }
  }
  if (!response.ok) {
    const message = (data && data.message) || response.statusText;
    throw new Error(`${response.status} ${message}`);
  }
  return data;
}

const api = (name, params) => request("GET", new URL(`${name}?${new URLSearchParams(params || {})}`, API));
const hashQuery = () => new URLSearchParams(location.hash.split("?")[1] || "");
const link = (page, params) => `#/${page}?${new URLSearchParams(params)}`;

function scalar(union) {
  if (!union) return null;
  const [member, value] = Object.entries(union)[0] || [];
  return member === "emptyValue" ? null : value;
}

function shown(value) {
  if (value === null || value === undefined || value === "") return el("span", { class: "muted" }, "(empty)");
  return String(value);
}

function table(headings, rows, attrs) {
  return el("table", attrs || {},
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: headings.length, class: "muted" }, "none"))));
}

function statusPill(status) {
  const kind = status >= 500 ? "bad" : status >= 400 ? "warn" : "good";
  return el("span", { class: `pill ${kind}` }, String(status));
}

// -- rules as sentences ----------------------------------------------------------------------------
function condition(cond, names) {
  const [member, body] = Object.entries(cond)[0];
  if (member === "equalTo" || member === "notEqualTo") {
    const name = names[body.operandOne.fieldId] || body.operandOne.fieldId;
    const literal = scalar(body.operandTwo);
    const sign = member === "equalTo" ? "=" : "≠";
    return `${name} ${sign} ${literal === null ? "(empty)" : JSON.stringify(literal)} → ${body.result}`;
  }
  const joiner = member === "andAll" ? " and " : " or ";
  return `(${body.conditions.map((c) => condition(c, names)).join(joiner)})`;
}

function ruleSummary(rule, names) {
  const [kind, body] = Object.entries(rule)[0];
  if (kind === "fieldOptions") {
    const parent = names[body.parentFieldId] || body.parentFieldId;
    const child = names[body.childFieldId] || body.childFieldId;
    const maps = body.parentChildFieldOptionsMappings.map(
      (m) => `${m.parentFieldOptionValue || "(empty)"} → [${m.childFieldOptionValues.join(", ")}]`);
    return `${child} options by ${parent}: ${maps.join("; ")}`;
  }
  const conditions = body.conditions.map((c) => condition(c, names));
  return `${kind}: ${conditions.join("; ") || "no conditions"}; otherwise ${body.defaultValue}`;
}

// -- pages -----------------------------------------------------------------------------------------
async function overviewPage() {
  const data = await api("overview");
  const root = el("div", {}, el("h2", {}, "State"));
  if (!data.backends.length) {
    root.append(el("p", { class: "muted" },
      "No state yet. Create a domain with boto3, the AWS CLI or any SDK pointed at this server."));
  }
  for (const backend of data.backends) {
    root.append(el("h3", {}, `Account ${backend.account} · ${backend.region}`));
    const cards = backend.domains.map((d) => {
      const where = { account: backend.account, region: backend.region, domain: d.domainId };
      const c = d.counts;
      return el("div", { class: "card", "data-domain-id": d.domainId },
        el("h3", {}, el("a", { href: link("domain", where) }, d.name)),
        el("div", { class: "mono muted" }, d.domainId),
        el("div", { class: "counts" }, [count(c.cases, "case"), count(c.templates, "template"),
          count(c.fields, "field"), count(c.layouts, "layout"), count(c.caseRules, "case rule")].join(" · ")),
        el("div", {}, el("a", { href: link("domain", where) }, "Browse"), " · ",
          el("a", { href: link("preview", where) }, "Preview the agent's form")));
    });
    root.append(el("div", { class: "cards" }, cards.length ? cards : el("p", { class: "muted" }, "no domains")));
  }
  return root;
}

async function domainPage(q) {
  const drawn = rendered;
  const where = { account: q.get("account"), region: q.get("region"), domain: q.get("domain") };
  const data = await api("domain", where);
  const names = Object.fromEntries(data.fields.map((f) => [f.fieldId, f.name]));
  const layouts = Object.fromEntries(data.layouts.map((l) => [l.layoutId, l.name]));
  const results = el("div", { id: "case-results" });
  const term = el("input", { type: "text", id: "search-term", placeholder: "search term" });
  const filter = el("textarea", { id: "search-filter", placeholder: 'SearchCases filter, e.g. {"field": {"equalTo": {"id": "status", "value": {"stringValue": "open"}}}}' });
  const search = async (token) => {
    try {
      const params = { ...where, term: term.value, filter: filter.value };
      if (token) params.token = token;
      const page = await api("cases", params);
      const rows = casesTable(page, where);
      if (token) {
        results.querySelector("#more-cases").remove();
        results.querySelector("#cases tbody").append(...rows.querySelectorAll("tbody tr"));
      } else results.replaceChildren(rows);
      if (page.nextToken) {
        results.append(el("button", { type: "button", class: "secondary", id: "more-cases",
          onclick: () => search(page.nextToken) }, "More cases"));
      }
      say(count(page.totalCount, "matching case"), false, drawn);
    } catch (error) { say(error.message, true, drawn); }
  };
  const root = el("div", {},
    el("p", {}, el("a", { href: "#/" }, "State"), " › ", `Account ${where.account} · ${where.region}`),
    el("h2", {}, `Domain ${data.domain.name}`, " ", el("span", { class: "pill" }, data.domain.status)),
    el("h3", {}, "Cases"),
    el("div", { class: "toolbar" }, el("label", {}, "Search term", term),
      el("button", { type: "button", id: "search", onclick: () => search() }, "Search")),
    filter, results,
    el("h3", {}, "Templates"),
    table(["name", "status", "layout", "required fields", "case rules", ""], data.templates.map((t) => el("tr", {},
      el("td", {}, t.name, el("div", { class: "mono muted" }, t.templateId)),
      el("td", {}, t.status),
      el("td", {}, t.layoutId ? layouts[t.layoutId] || t.layoutId : el("span", { class: "muted" }, "none")),
      el("td", {}, t.requiredFields.map((f) => el("span", { class: "pill" }, names[f] || f))),
      el("td", {}, t.rules.map((r) => el("div", {}, el("span", { class: "pill" }, r.ruleType), ` ${r.name} on `,
        el("b", {}, names[r.fieldId] || r.fieldId)))),
      el("td", {}, el("a", { href: link("preview", { ...where, template: t.templateId }) }, "Preview"))))),
    el("h3", {}, "Case rules"),
    table(["name", "type", "rule"], data.caseRules.map((r) => el("tr", {},
      el("td", {}, r.name, el("div", { class: "mono muted" }, r.caseRuleId)),
      el("td", {}, r.ruleType),
      el("td", {}, ruleSummary(r.rule, names))))),
    el("h3", {}, "Fields"),
    table(["name", "id", "type", "namespace", "options"], data.fields.map((f) => el("tr", {},
      el("td", {}, f.name), el("td", { class: "mono" }, f.fieldId), el("td", {}, f.type), el("td", {}, f.namespace),
      el("td", {}, f.options.map((o) => el("span", { class: o.active ? "pill" : "pill muted", title: o.value },
        o.active ? o.name : `${o.name} (inactive)`)))))),
    el("h3", {}, "Layouts"),
    table(["name", "top panel", "more info"], data.layouts.map((l) => el("tr", {},
      el("td", {}, l.name),
      ...["topPanel", "moreInfo"].map((panel) => el("td", {},
        ((l.content.basic || {})[panel] || { sections: [] }).sections.map((s) => el("div", {},
          el("b", {}, `${(s.fieldGroup || {}).name || "Section"}: `),
          ((s.fieldGroup || {}).fields || []).map((f) => names[f.id] || f.id).join(", ")))))))));
  search();
  return root;
}

function casesTable(page, where) {
  return table(["title", "status", "opened", "updated"], page.cases.map((c) => el("tr", { "data-case-id": c.caseId },
    el("td", {}, el("a", { href: link("case", { ...where, case: c.caseId }) }, c.values.title || c.caseId)),
    el("td", {}, shown(c.values.status)),
    el("td", { class: "muted" }, shown(c.values.created_datetime)),
    el("td", { class: "muted" }, shown(c.values.last_updated_datetime)))), { id: "cases" });
}

function relatedSummary(kind, content, name) {
  if (kind === "comment") return content.body;
  if (kind === "sla") {
    const sla = content.slaConfiguration;
    const target = sla.fieldId ? ` (${name(sla.fieldId)} → ${(sla.targetFieldValues || []).map(scalar).join(", ")})` : "";
    return `${sla.name}${target}: due ${sla.targetTime}${sla.completionTime ? `, met ${sla.completionTime}` : ""}`;
  }
  if (kind === "contact") return `${content.contactArn} · ${content.channel || ""}`;
  if (kind === "file") return content.fileArn;
  if (kind === "connectCase") return `case ${content.caseId}`;
  return el("code", {}, JSON.stringify(content));
}

function who(performedBy) {
  const user = (performedBy || {}).user || {};
  return user.userArn || user.customEntity || (performedBy || {}).iamPrincipalArn || "unknown";
}

// The customer's profile the case's customer_id names (read from Customer Profiles), or why there is none.
function customerCard(c) {
  if (!c.found) return el("p", { class: "muted", id: "customer" }, c.reason, c.arn ? [" ", el("code", {}, c.arn)] : "");
  return table(["name", "phone", "e-mail", "account number", "profile id"], [el("tr", { "data-profile-id": c.profileId },
    [c.name, c.phone, c.email, c.accountNumber].map((v) => el("td", {}, shown(v))), el("td", {}, el("code", {}, c.profileId)))],
  { id: "customer" });
}

async function casePage(q) {
  const where = { account: q.get("account"), region: q.get("region"), domain: q.get("domain") };
  const data = await api("case", { ...where, case: q.get("case") });
  const title = (data.fields.find((f) => f.id === "title") || {}).value || data.caseId;
  const name = (id) => data.fieldNames[id] || id;
  return el("div", {},
    el("p", {}, el("a", { href: "#/" }, "State"), " › ", el("a", { href: link("domain", where) }, "domain"), " › case"),
    el("h2", {}, title, " ", el("span", { class: "pill" }, data.templateName || data.templateId)),
    el("p", {}, el("a", { href: link("preview", { ...where, template: data.templateId, case: data.caseId }) },
      "Preview this case in the agent's form")),
    el("h3", {}, "Fields"),
    table(["field", "value"], data.fields.map((f) => el("tr", {}, el("td", {}, f.name), el("td", {}, shown(f.value))))),
    el("h3", {}, "Customer"),
    customerCard(data.customer),
    el("h3", {}, "Related items"),
    table(["type", "associated", "content", "status"], data.relatedItems.map((item) => {
      const [kind, content] = Object.entries(item.content || {})[0] || ["", {}];
      const status = kind === "sla" ? content.slaConfiguration.status : "";
      return el("tr", { "data-related-item": item.relatedItemId },
        el("td", {}, item.type), el("td", { class: "muted" }, item.associationTime),
        el("td", {}, relatedSummary(kind, content, name)),
        el("td", {}, status ? el("span", { class: status === "Overdue" ? "pill bad" : "pill" }, status) : ""));
    })),
    el("h3", {}, "Audit history"),
    el("ol", { class: "timeline", id: "audit" }, data.audit.map((event) => el("li", { "data-event-type": event.type },
      el("div", { class: "when" }, `${event.performedTime} · ${who(event.performedBy)}`),
      el("div", {}, el("b", {}, event.type), event.relatedItemType ? ` (${event.relatedItemType})` : ""),
      (event.fields || []).map((f) => el("div", { class: "change", "data-field-id": f.eventFieldId },
        `${name(f.eventFieldId)}: `,
        f.oldValue !== undefined ? [el("span", { class: "old" }, String(shown(scalar(f.oldValue)))), " → "] : "",
        el("span", { class: "new" }, String(shown(scalar(f.newValue))))))))));
}

// -- the agent-workspace preview -------------------------------------------------------------------
const preview = { values: {}, result: null };

async function previewPage(q) {
  const overview = await api("overview");
  const domains = overview.backends.flatMap((b) => b.domains.map((d) => ({ ...d, account: b.account, region: b.region })));
  const root = el("div", {}, el("h2", {}, "Agent-workspace preview"),
    el("p", { class: "muted" }, "A template's layout with its case rules applied to the values below, " +
      "evaluated by the mock's own rule engine on every change."));
  if (!domains.length) return root.append(el("p", { class: "muted" }, "No domains yet.")), root;
  // The domain asked for, never another in its place; with none asked for, the first with a template.
  const asked = q.get("domain");
  const pick = asked
    ? domains.find((d) => d.domainId === asked && [d.account, null].includes(q.get("account")) &&
      [d.region, null].includes(q.get("region")))
    : domains.find((d) => d.counts.templates > 0) || domains[0];
  root.append(el("div", { class: "toolbar" }, el("label", {}, "Domain", domainChoice(domains, pick))));
  if (!pick) {
    const place = q.get("account") ? ` in account ${q.get("account")} · ${q.get("region")}` : "";
    return root.append(el("p", { class: "verdict bad", id: "preview-missing" },
      `Domain '${asked}' was not found${place}.`), otherDomains(domains, pick)), root;
  }
  if (!pick.counts.templates) {
    return root.append(el("p", { class: "verdict note", id: "preview-missing" },
      `The domain ${pick.name} (${pick.domainId}) has no templates, so there is no form to preview. ` +
      "Create one with CreateTemplate, or preview another domain."), otherDomains(domains, pick)), root;
  }
  const where = { account: pick.account, region: pick.region, domain: pick.domainId };
  const config = await api("domain", where);
  const cases = await api("cases", where);
  const templates = config.templates;
  const form = el("div", { id: "preview-form" });
  const templateId = q.get("template") || templates[0].templateId;
  const templateSelect = el("select", { id: "preview-template" }, templates.map((t) =>
    el("option", { value: t.templateId, selected: t.templateId === templateId }, t.name)));
  const caseSelect = el("select", { id: "preview-case" }, el("option", { value: "" }, "a new case"),
    cases.cases.map((c) => el("option", { value: c.caseId, selected: c.caseId === q.get("case") }, c.values.title || c.caseId)));
  const reload = (useCase) => {
    const params = { ...where, template: templateSelect.value };
    if (caseSelect.value) params.case = caseSelect.value;
    history.replaceState(null, "", link("preview", params));
    preview.values = {};
    refresh(form, where, templateSelect.value, useCase ? caseSelect.value : "");
  };
  templateSelect.addEventListener("change", () => reload(Boolean(caseSelect.value)));
  caseSelect.addEventListener("change", () => reload(true));
  root.append(el("div", { class: "toolbar" }, el("label", {}, "Template", templateSelect),
    el("label", {}, "Values from", caseSelect)), form);
  preview.values = {};
  await refresh(form, where, templateId, q.get("case") || "");
  return root;
}

function domainChoice(domains, pick) {
  const placeholder = pick ? null : el("option", { value: "", selected: true, disabled: true }, "choose a domain");
  return el("select", { id: "preview-domain", onchange: (e) => {
    const d = domains[Number(e.target.value)];
    location.hash = link("preview", { account: d.account, region: d.region, domain: d.domainId });
  } }, placeholder, domains.map((d, i) => el("option", { value: i, selected: d === pick },
    `${d.name} (${d.account} · ${d.region}) · ${count(d.counts.templates, "template")}`)));
}

// Links to the domains (other than ``pick``) that have a template to preview.
function otherDomains(domains, pick) {
  const usable = domains.filter((d) => d !== pick && d.counts.templates > 0);
  if (!usable.length) return el("p", { class: "muted", id: "preview-others" }, "No other domain has a template yet.");
  return el("p", { id: "preview-others" }, "Domains with templates: ", usable.flatMap((d, i) => [i ? ", " : "",
    el("a", { href: link("preview", { account: d.account, region: d.region, domain: d.domainId }) },
      `${d.name} (${d.account} · ${d.region})`)]));
}

async function refresh(form, where, templateId, caseId) {
  const drawn = rendered;
  const body = { account: where.account, region: where.region, domainId: where.domain, templateId };
  if (caseId) body.caseId = caseId; else body.values = preview.values;
  try {
    const result = await request("POST", new URL("preview", API), body);
    if (caseId) preview.values = { ...result.values };
    const focused = document.activeElement && document.activeElement.dataset.input;
    form.replaceChildren(renderForm(result, form, where, templateId));
    if (focused) { const again = form.querySelector(`[data-input="${CSS.escape(focused)}"]`); if (again) again.focus(); }
    say(`Rules evaluated at ${new Date().toLocaleTimeString()}`, false, drawn);
  } catch (error) { say(error.message, true, drawn); }
}

function renderForm(result, form, where, templateId) {
  const onChange = (field, raw) => {
    preview.values[field.id] = raw;
    refresh(form, where, templateId, "");
  };
  const sections = [el("h3", {}, "Case")].concat(result.header.map((f) => fieldRow(f, onChange)));
  if (!result.layout) sections.push(el("p", { class: "muted" }, "The template has no default layout."));
  for (const panel of result.panels) {
    const label = panel.panel === "topPanel" ? "Top panel" : "More info";
    for (const section of panel.sections) {
      sections.push(el("h3", {}, `${label} · ${section.name.trim()}`));
      sections.push(...section.fields.map((f) => fieldRow(f, onChange)));
    }
  }
  if (result.notInLayout.length) {
    sections.push(el("h3", {}, "Not in the layout (the template or its rules use them)"));
    sections.push(...result.notInLayout.map((f) => fieldRow(f, onChange)));
  }
  const all = result.header.concat(...result.panels.flatMap((p) => p.sections.map((s) => s.fields)), result.notInLayout);
  const hidden = [...new Set(all.filter((f) => f.hidden).map((f) => f.name))];
  if (hidden.length) sections.push(el("p", { class: "hidden-list", id: "hidden-fields" }, `Hidden by the rules: ${hidden.join(", ")}`));
  const verdict = result.verdict
    ? el("div", { class: "verdict bad", id: "verdict" }, `CreateCase would refuse these values: ${result.verdict}`)
    : el("div", { class: "verdict ok", id: "verdict" }, "These values satisfy the template's required fields and case rules.");
  return el("div", {}, el("div", { class: "form" }, sections), verdict);
}

function fieldRow(field, onChange) {
  const id = `field-${field.id}`;
  const value = field.value === null || field.value === undefined ? "" : field.value;
  let input;
  if (field.type === "SingleSelect") {
    const options = field.options.map((o) => el("option", { value: o.value, selected: o.value === value }, o.name));
    if (value !== "" && !field.options.some((o) => o.value === value)) {
      options.push(el("option", { value, selected: true }, `${value} (not allowed)`));
    }
    input = el("select", { id }, el("option", { value: "" }, "—"), options);
  } else if (field.type === "Boolean") {
    input = el("select", { id }, ["", "true", "false"].map((v) => el("option", { value: v, selected: String(value) === v }, v || "—")));
  } else {
    input = el("input", { id, type: field.type === "Number" ? "number" : "text", value: String(value),
      placeholder: field.type === "DateTime" ? "2026-01-31T12:00:00Z" : "" });
  }
  input.dataset.input = field.id;
  input.addEventListener("change", () => {
    let raw = input.value;
    if (raw === "") raw = null;
    else if (field.type === "Boolean") raw = raw === "true";
    else if (field.type === "Number") raw = Number(raw);
    onChange(field, raw);
  });
  return el("div", { class: "row", "data-field-id": field.id, "data-required": field.required, hidden: field.hidden },
    el("label", { for: id }, field.name, field.required ? el("span", { class: "req", title: field.requiredBy }, "*") : ""),
    input,
    field.required ? el("div", { class: "why" }, `Required: ${field.requiredBy}`) : null,
    field.limitedBy ? el("div", { class: "why" }, `Options limited by ${field.limitedBy}`) : null,
    field.invalid ? el("div", { class: "invalid" }, field.invalid) : null);
}

// -- calls and faults ------------------------------------------------------------------------------
async function callsPage(q) {
  const filters = { operation: q.get("operation") || "", status: q.get("status") || "" };
  const data = await api("calls", filters);
  const operation = el("select", { id: "calls-operation" }, el("option", { value: "" }, "all operations"),
    data.operations.map((o) => el("option", { value: o, selected: o === filters.operation }, o)));
  const status = el("select", { id: "calls-status" }, [["", "any status"], ["ok", "succeeded"], ["error", "failed"],
    ["2xx", "2xx"], ["4xx", "4xx"], ["5xx", "5xx"]].map(([v, label]) => el("option", { value: v, selected: v === filters.status }, label)));
  const apply = () => { location.hash = link("calls", { operation: operation.value, status: status.value }); };
  operation.addEventListener("change", apply);
  status.addEventListener("change", apply);
  return el("div", {}, el("h2", {}, "Recorded calls"),
    el("div", { class: "toolbar" }, el("label", {}, "Operation", operation), el("label", {}, "Status", status),
      el("button", { type: "button", class: "secondary", onclick: route }, "Refresh"),
      el("button", { type: "button", class: "danger", onclick: async () => {
        await request("DELETE", new URL("calls", CONTROL)); route();
      } }, "Clear calls"),
      el("span", { class: "muted" }, `${count(data.calls.length, "call")} shown of ${data.total} recorded, newest first`)),
    table(["time", "operation", "status", "error", "request"], data.calls.map((c) => el("tr", { "data-operation": c.operation },
      el("td", { class: "muted nowrap" }, c.time.replace("T", " ").slice(0, 23)), el("td", {}, c.operation || `${c.method} ${c.path}`), el("td", {}, statusPill(c.status)),
      el("td", {}, c.errorCode ? [el("b", {}, c.errorCode), " ", c.errorMessage] : ""),
      el("td", {}, el("details", {}, el("summary", {}, "params"), el("pre", {}, JSON.stringify(c.params, null, 2)))))),
    { id: "calls" }));
}

async function faultsPage() {
  const data = await api("faults");
  const operation = el("select", { id: "fault-operation" }, el("option", { value: "*" }, "* (every operation)"),
    data.operations.map((o) => el("option", { value: o }, o)));
  const error = el("select", { id: "fault-error" }, data.errors.map((e) => el("option", { value: e, selected: e === "ThrottlingException" }, e)));
  const times = el("input", { id: "fault-times", type: "number", min: "1", value: "1" });
  const probability = el("input", { id: "fault-probability", type: "number", min: "0", max: "1", step: "0.1", value: "1" });
  const latency = el("input", { id: "fault-latency", type: "number", min: "0", step: "0.1", value: "0" });
  const message = el("input", { id: "fault-message", type: "text", placeholder: "message (optional)" });
  const add = async () => {
    const fault = { operation: operation.value, error: error.value, probability: Number(probability.value),
      latency: Number(latency.value) };
    if (times.value) fault.times = Number(times.value);
    if (message.value) fault.message = message.value;
    try { await request("POST", new URL("faults", CONTROL), fault); say(`Fault added: ${fault.operation} → ${fault.error}`); route(); }
    catch (e) { say(e.message, true); }
  };
  return el("div", {}, el("h2", {}, "Injected faults"),
    el("div", { class: "toolbar" }, el("label", {}, "Operation", operation), el("label", {}, "Error", error),
      el("label", {}, "Times", times), el("label", {}, "Probability", probability), el("label", {}, "Latency (s)", latency),
      el("label", {}, "Message", message), el("button", { type: "button", id: "fault-add", onclick: add }, "Add fault")),
    table(["operation", "error", "times left", "probability", "latency", "message"], data.faults.map((f) => el("tr", {},
      el("td", {}, f.operation), el("td", {}, f.error), el("td", {}, f.times === null ? "∞" : String(f.times)),
      el("td", {}, String(f.probability)), el("td", {}, `${f.latency} s`), el("td", {}, f.message || ""))),
    { id: "faults" }),
    el("button", { type: "button", class: "danger", id: "faults-clear", onclick: async () => {
      await request("DELETE", new URL("faults", CONTROL)); say("Faults cleared"); route();
    } }, "Clear faults"));
}

// -- routing ---------------------------------------------------------------------------------------
const PAGES = { "": overviewPage, domain: domainPage, case: casePage, preview: previewPage, calls: callsPage, faults: faultsPage };
const NAV = { "": "state", domain: "state", case: "state", preview: "preview", calls: "calls", faults: "faults" };

async function route() {
  const drawn = ++rendered;
  const name = (location.hash.replace(/^#\/?/, "").split("?")[0]) || "";
  const page = PAGES[name] || overviewPage;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.nav === NAV[name]);
  let content;
  try {
    content = await page(hashQuery());
  } catch (error) {
    content = el("p", { class: "verdict bad", id: "page-error" }, error.message);
    say(error.message, true, drawn);
  }
  if (drawn !== rendered) return; // the user has moved on: a later page owns the view
  view().replaceChildren(content);
  document.body.dataset.page = name || "state";
}

window.addEventListener("hashchange", () => {
  say("");
  route();
});
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("reset").addEventListener("click", async () => {
    if (!window.confirm("Forget all state, recorded calls and faults?")) return;
    await request("POST", new URL("reset", CONTROL));
    say("State reset");
    route();
  });
  route();
});
