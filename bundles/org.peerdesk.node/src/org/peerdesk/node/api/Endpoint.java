package org.peerdesk.node.api;

import java.util.Map;

/** One operation of the admin API: takes the request's JSON body (empty for GET), returns what to send as JSON. */
@FunctionalInterface
interface Endpoint {

    Object call(Map<String, Object> body) throws Exception;
}
