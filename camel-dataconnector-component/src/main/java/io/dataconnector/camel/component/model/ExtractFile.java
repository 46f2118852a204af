package io.dataconnector.camel.component.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One file of a job's data extract, as listed by {@code jobs/:jobId/data-listing}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExtractFile {

    private String name;
    private Instant createdAt;
    private Long size;

    /** @return the file name */
    public String getName() {
        return name;
    }

    /** @param name the file name */
    public void setName(String name) {
        this.name = name;
    }

    /** @return when the file was created */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @param createdAt when the file was created */
    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    /** @return the size in bytes (read from a number or a numeric string) */
    public Long getSize() {
        return size;
    }

    /** @param size the size in bytes (read from a number or a numeric string) */
    public void setSize(Long size) {
        this.size = size;
    }


    @Override
    public String toString() {
        return "ExtractFile[" + "name=" + name + ", " + "createdAt=" + createdAt + ", " + "size=" + size + "]";
    }
}
