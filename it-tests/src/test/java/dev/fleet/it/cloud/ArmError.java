package dev.fleet.it.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** ARM's error answers: {@code {"error": {"code": ..., "message": ...}}}. */
final class ArmError {
    private ArmError() {
    }

    static HttpAnswer answer(int status, String code, String message) {
        ObjectNode body = Fixtures.object();
        body.set("error", body(code, message));
        return HttpAnswer.json(status, body);
    }

    /** The inner error object, as a failed long-running operation carries it too. */
    static ObjectNode body(String code, String message) {
        return Fixtures.object().put("code", code).put("message", message);
    }

    static HttpAnswer notFound(ArmPath path) {
        return answer(404, "ResourceNotFound", "The Resource '" + path.type() + "/" + path.name()
                + "' under resource group '" + path.resourceGroup() + "' was not found.");
    }
}
