package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.SimState.JobState;
import io.dataconnector.camel.simulator.SimState.RequestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes the API documents, with its quirks: timestamps with milliseconds, {@code projectIdList} as a
 * JSON-encoded string (switchable), the file size as a string in getJobFileUrl (switchable) but a number in the
 * listing.
 */
final class JsonViews {

    static final String MORE_INFO = "https://aps.autodesk.com/en/docs/acc/v1/reference/http/data-connector-requests-POST/";

    private final SimulatorSettings settings;

    JsonViews(SimulatorSettings settings) {
        this.settings = settings;
    }

    Map<String, Object> request(RequestState r) {
        return render(r.raw());
    }

    Map<String, Object> job(JobState j, Instant now) {
        return render(j.raw(now));
    }

    /** A raw request or job map (as {@code raw()} gives it) in its rendered form. */
    @SuppressWarnings("unchecked")
    Map<String, Object> render(Map<String, Object> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Instant) {
                v = Timestamps.format((Instant) v);
            } else if (e.getKey().equals("projectIdList") && v != null && settings.projectIdListAsString) {
                v = encodedList((List<String>) v);
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** {@code [ "a", "b" ]}, spaced the way the API does it. */
    private static String encodedList(List<String> ids) {
        StringBuilder sb = new StringBuilder("[ ");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(ids.get(i).replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append('"');
        }
        return sb.append(ids.isEmpty() ? "]" : " ]").toString();
    }

    /** GET jobs/:id/data-listing. */
    static List<Map<String, Object>> fileListing(List<ExtractFileInfo> files) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ExtractFileInfo f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("createdAt", Timestamps.format(f.createdAt()));
            m.put("size", f.size());
            out.add(m);
        }
        return out;
    }

    /** GET jobs/:id/data/:name. */
    Map<String, Object> fileUrl(String name, long size, String signedUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("size", settings.fileSizeAsString ? (Object) String.valueOf(size) : (Object) size);
        out.put("signedUrl", signedUrl);
        return out;
    }

    static Map<String, Object> error(String message, String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("developerMessage", message);
        m.put("errorCode", code);
        m.put("moreInfo", MORE_INFO);
        return m;
    }
}
