package io.dataconnector.camel.component;

import java.io.InputStream;
import java.util.Map;

import io.dataconnector.camel.component.model.DataConnectorJson;
import io.dataconnector.camel.component.model.DataRequest;
import org.apache.camel.Converter;

/**
 * Camel type converters to {@link DataRequest}, so {@code convertBodyTo(DataRequest.class)} and the producer accept a
 * {@link Map} of the API's JSON fields, JSON text, UTF-8 JSON bytes or a stream of JSON. Loaded through the generated
 * {@code DataRequestConverterLoader}.
 *
 * @throws io.dataconnector.camel.component.model.InvalidDataRequestException naming the field when a value is wrong
 *         (Camel wraps it in a TypeConversionException)
 */
@Converter(generateLoader = true)
public final class DataRequestConverter {

    private DataRequestConverter() {
    }

    @Converter
    public static DataRequest fromMap(Map<?, ?> fields) {
        return DataConnectorJson.toDataRequest(fields);
    }

    @Converter
    public static DataRequest fromJson(String json) {
        return DataConnectorJson.toDataRequest(json);
    }

    @Converter
    public static DataRequest fromBytes(byte[] json) {
        return DataConnectorJson.toDataRequest(json);
    }

    @Converter
    public static DataRequest fromStream(InputStream json) {
        return DataConnectorJson.toDataRequest(json);
    }
}
