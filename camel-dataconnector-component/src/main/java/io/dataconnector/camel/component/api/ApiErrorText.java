package io.dataconnector.camel.component.api;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataconnector.camel.component.model.DataConnectorJson;

/**
 * The readable part of an error body: the API's JSON error ({@code developerMessage}, {@code errorCode}), the token
 * endpoint's OAuth error ({@code error_description}, {@code error}) or a storage host's XML error ({@code Message},
 * {@code Code}) as {@code "message [code]"}; any other text as it came. Links ({@code moreInfo}) and the rest of the
 * body (an XML error may echo the signed request) are left out.
 */
final class ApiErrorText {

    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private ApiErrorText() {
    }

    /** @param body the error body, whitespace already collapsed to single spaces; may be empty */
    static String of(String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        if (body.startsWith("{")) {
            try {
                JsonNode json = DataConnectorJson.mapper().readTree(body);
                String message = first(json, "developerMessage", "userMessage", "message", "error_description",
                        "detail", "title");
                String code = first(json, "errorCode", "code", "error");
                if (message != null || code != null) {
                    return join(message, code);
                }
            } catch (IOException notJson) {
                return body;
            }
        }
        if (body.startsWith("<")) {
            Matcher message = XML_MESSAGE.matcher(body);
            Matcher code = XML_CODE.matcher(body);
            String m = message.find() ? message.group(1).trim() : null;
            String c = code.find() ? code.group(1).trim() : null;
            if (m != null || c != null) {
                return join(m, c);
            }
        }
        return body;
    }

    private static String join(String message, String code) {
        if (message == null) {
            return "[" + code + "]";
        }
        return code == null ? message : message + " [" + code + "]";
    }

    private static String first(JsonNode json, String... fields) {
        for (String field : fields) {
            JsonNode value = json.get(field);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return null;
    }
}
