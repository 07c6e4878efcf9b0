package org.peerdesk.node.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.InvalidInputException;

/** The CLI words of the permissions area: requests, grants, passwords, trust, the audit log. */
final class AccessCommands {

    /** What a grant or a request may name, said with their usage: what to write is not obvious from the words alone. */
    private static final String RESOURCES_AND_RIGHTS = "\n  RESOURCE is a share, or a folder or file in one, with the rights read and write (docs, docs/reports);"
            + " messages with message; backup with store-backup.\n  Rights are joined by commas: docs read,write";

    static final Set<String> WORDS = Set.of("request", "requests", "approve", "deny", "grants", "grant", "revoke", "password",
            "unlock", "block", "unblock", "audit", "given");
    private final Output output;
    private final Cli.SecretSource secrets;

    AccessCommands(Output output, Cli.SecretSource secrets) {
        this.output = output;
        this.secrets = secrets;
    }

    int run(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String word = words.get(0);
        int arguments = words.size() - 1;
        return switch (word) {
            case "requests" -> output.show(api.get("/api/v1/access/requests"), this::printRequests);
            case "grants" -> output.show(api.get("/api/v1/access/grants"), this::printGrants);
            case "given" -> output.show(api.get("/api/v1/access/given"), this::printGiven);
            case "audit" -> output.show(api.get("/api/v1/access/audit"), this::printAudit);
            case "request" -> arguments != 3 ? output.usage("request takes PEER RESOURCE RIGHTS [--note TEXT] [--quota SIZE]" + RESOURCES_AND_RIGHTS)
                    : output.show(api.post("/api/v1/access/requests", terms(words.get(1), words.get(2), words.get(3), options)),
                            answer -> output.out().println("Asked " + request(answer).get("peerName") + " for "
                                    + request(answer).get("rights") + " on " + request(answer).get("resource")
                                    + " (request " + request(answer).get("id") + "). 'peerdesk requests' shows the answer."));
            case "grant" -> arguments != 3 ? output.usage("grant takes PEER RESOURCE RIGHTS [--expires WHEN] [--quota SIZE]" + RESOURCES_AND_RIGHTS)
                    : output.show(api.post("/api/v1/access/grants", terms(words.get(1), words.get(2), words.get(3), options)),
                            answer -> output.out().println("Granted: " + grantLine(Output.entry(answer, "grant"))));
            case "approve" -> arguments != 1 ? output.usage("approve takes the request's number, or the peer who asked"
                    + " [--rights RIGHTS] [--expires WHEN] [--quota SIZE|none]")
                    : output.show(api.post("/api/v1/access/requests/approve", decision(words.get(1), options)),
                            answer -> output.out().println("Approved request " + request(answer).get("id") + ": "
                                    + request(answer).get("peerName") + " may now use " + request(answer).get("resource")
                                    + " with " + withQuota(request(answer).get("granted"), request(answer).get("grantedQuota")) + "."));
            case "deny" -> arguments != 1 ? output.usage("deny takes the request's number, or the peer who asked")
                    : output.show(api.post("/api/v1/access/requests/deny", decision(words.get(1), Map.of())),
                            answer -> output.out().println("Denied request " + request(answer).get("id") + "."));
            case "revoke" -> arguments == 0 || arguments > 2 || (arguments == 1) != isNumber(words.get(1))
                    ? output.usage("revoke takes the grant's number (see 'peerdesk grants'), or PEER RESOURCE")
                    : output.show(api.post("/api/v1/access/grants/revoke", arguments == 1 ? Map.<String, Object>of("id", number(words.get(1)))
                            : Map.<String, Object>of("peer", words.get(1), "resource", words.get(2))),
                            answer -> output.out().println("Revoked grant " + answer.get("revoked") + "; its streams are closed."));
            case "password" -> password(words, options, api);
            case "unlock" -> arguments != 2 ? output.usage("unlock takes PEER RESOURCE; it asks for the password")
                    : output.show(api.post("/api/v1/access/unlock", Map.of("peer", words.get(1), "resource", words.get(2),
                            "password", secrets.read("Password for " + words.get(2) + ": ", false))),
                            answer -> output.out().println("Unlocked " + answer.get("resource") + ": the owner granted "
                                    + answer.get("rights") + "."));
            case "block", "unblock" -> arguments != 1 ? output.usage(word + " takes one peer")
                    : output.show(api.post("/api/v1/access/trust", Map.of("peer", words.get(1),
                            "state", word.equals("block") ? "blocked" : "trusted")),
                            answer -> output.out().println(word.equals("block")
                                    ? "Blocked " + answer.get("peerName") + ": it can no longer connect, and its streams were closed."
                                            + " 'peerdesk unblock " + Output.idStart(answer.get("peer")) + "' lets it in again."
                                    : "Unblocked " + answer.get("peerName") + (answer.get("trust").equals("pending")
                                            ? ": a stranger again, it may connect and ask for access." : ": it is trusted again.")));
            default -> throw new IllegalArgumentException(word);
        };
    }

    private int password(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.size() != 4 || !words.get(1).equals("set")) {
            return output.usage("password set RESOURCE RIGHTS [--quota SIZE]; it asks for the password twice");
        }
        Map<String, Object> body = terms(null, words.get(2), words.get(3), options);
        body.put("password", secrets.read("Password for " + words.get(2) + " (at least 8 characters): ", true));
        String idStart = Output.idStart(api.get("/api/v1/identity").get("peerId"));
        return output.show(api.post("/api/v1/access/passwords", body), answer -> output.out().println("Whoever proves this"
                + " password gets " + answer.get("rights") + " on " + answer.get("resource")
                + ". Give it to them; they run: peerdesk unlock " + idStart + " " + answer.get("resource")
                + " (" + idStart + " starts this node's ID)"));
    }

    private static Map<String, Object> terms(String peer, String resource, String rights, Map<String, String> options)
            throws Cli.ApiFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        if (peer != null) {
            body.put("peer", peer);
        }
        body.put("resource", resource);
        body.put("rights", rights);
        if (options.containsKey("note")) {
            body.put("note", options.get("note"));
        }
        if (options.containsKey("quota")) {
            body.put("quota", size(options.get("quota")));
        }
        if (options.containsKey("expires")) {
            body.put("expires", Times.ahead(options.get("expires")).toString());
        }
        return body;
    }

    /** The answer to a request named by its number or by the peer who asked ({@code approve 3}, {@code approve ben}). */
    private static Map<String, Object> decision(String request, Map<String, String> options) throws Cli.ApiFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        if (isNumber(request)) {
            body.put("id", Long.parseLong(request));
        } else {
            body.put("peer", request);
        }
        if (options.containsKey("rights")) {
            body.put("rights", options.get("rights"));
        }
        if (options.containsKey("expires")) {
            body.put("expires", Times.ahead(options.get("expires")).toString());
        }
        if (options.containsKey("quota")) {
            body.put("quota", options.get("quota").equalsIgnoreCase("none") ? null : size(options.get("quota")));
        }
        return body;
    }

    static long number(String text) throws Cli.ApiFailure {
        if (!isNumber(text)) {
            throw new Cli.ApiFailure("'" + text + "' is not a number");
        }
        return Long.parseLong(text);
    }

    private static boolean isNumber(String text) {
        return text.matches("[0-9]{1,18}");
    }

    private static long size(String text) throws Cli.ApiFailure {
        try {
            return ByteSizes.parse(text);
        } catch (InvalidInputException e) {
            throw new Cli.ApiFailure(e.getMessage());
        }
    }

    private static Map<String, Object> request(Map<String, Object> answer) {
        return Output.entry(answer, "request");
    }

    private void printRequests(Map<String, Object> answer) {
        List<Map<String, Object>> requests = Output.entries(answer, "requests");
        if (requests.isEmpty()) {
            output.out().println("No access requests. Ask a peer with: peerdesk request PEER RESOURCE RIGHTS");
            return;
        }
        Table table = new Table("ID", "WAY", "PEER", "RESOURCE", "RIGHTS", "ASKED", "STATE", "NOTE");
        for (Map<String, Object> request : requests) {
            String asked = withQuota(request.get("rights"), request.get("quota"));
            String granted = request.get("granted") == null ? asked : withQuota(request.get("granted"), request.get("grantedQuota"))
                    + (request.get("quota") != null && request.get("grantedQuota") == null ? " without limit" : "");
            String rights = granted.equals(asked) ? asked : asked + ">" + granted;
            table.add(request.get("id"), "incoming".equals(request.get("direction")) ? "from" : "to",
                    request.get("peerName"), request.get("resource"), rights, Output.localTime(request.get("created")), request.get("state"),
                    Output.orDash(request.get("note")));
        }
        table.print(output.out());
    }

    /** Rights with the quota where there is one, as grants show it: "store-backup quota 50.0 GiB". */
    private static String withQuota(Object rights, Object quota) {
        return rights + (quota instanceof Number bytes ? " quota " + ByteSizes.format(bytes.longValue()) : "");
    }

    private void printGrants(Map<String, Object> answer) {
        List<Map<String, Object>> grants = Output.entries(answer, "grants");
        if (grants.isEmpty()) {
            output.out().println("Nothing is shared: no peer has a grant. Give one with: peerdesk grant PEER RESOURCE RIGHTS");
            return;
        }
        Table table = new Table("ID", "PEER", "RESOURCE", "RIGHTS", "GIVEN BY");
        for (Map<String, Object> grant : grants) {
            table.add(grantCells(grant));
        }
        table.print(output.out());
    }

    private void printGiven(Map<String, Object> answer) {
        List<Map<String, Object>> given = Output.entries(answer, "given");
        if (given.isEmpty()) {
            output.out().println("No peer has told this node it grants it anything. Ask with: peerdesk request PEER RESOURCE RIGHTS");
            return;
        }
        Table table = new Table("PEER", "RESOURCE", "RIGHTS", "SINCE");
        for (Map<String, Object> each : given) {
            table.add(each.get("peerName"), each.get("resource"), withQuota(each.get("rights"), each.get("quota"))
                    + (each.get("expires") == null ? "" : " until " + Output.localTime(each.get("expires"))), Output.localTime(each.get("since")));
        }
        table.print(output.out());
    }

    private static String grantLine(Map<String, Object> grant) {
        return String.join("  ", Arrays.stream(grantCells(grant)).map(String::valueOf).toList());
    }

    private static Object[] grantCells(Map<String, Object> grant) {
        return new Object[] {grant.get("id"), grant.get("peerName") + (Boolean.TRUE.equals(grant.get("peerBlocked")) ? " (blocked)" : ""),
            grant.get("resource"), grant.get("rights"),
            "(" + grant.get("origin") + ")"
                    + withQuota("", grant.get("quota"))
                    + (grant.get("expires") == null ? "" : " until " + Output.localTime(grant.get("expires")))};
    }

    private void printAudit(Map<String, Object> answer) {
        if (!Boolean.TRUE.equals(answer.get("intact"))) {
            output.out().println("WARNING: the audit log was tampered with: " + answer.get("problem"));
        }
        List<Map<String, Object>> entries = Output.entries(answer, "entries");
        Table table = new Table("SEQ", "AT", "EVENT", "PEER", "RESOURCE", "DETAIL");
        for (int i = entries.size() - 1; i >= 0; i--) {
            Map<String, Object> entry = entries.get(i);
            table.add(entry.get("seq"), entry.get("at"), entry.get("event"), Output.orDash(entry.get("peerName")),
                    Output.orDash(entry.get("resource")), entry.get("detail"));
        }
        table.print(output.out());
        output.out().println(Output.count(answer.get("total"), "entry", "entries")
                + (Boolean.TRUE.equals(answer.get("intact")) ? ", chain intact." : "."));
    }
}
