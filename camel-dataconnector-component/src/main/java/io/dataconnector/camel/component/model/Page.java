package io.dataconnector.camel.component.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list answer: {@code {"pagination": {"limit", "offset", "totalResults"}, "results": [...]}}.
 *
 * @param <T> the item type
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Page<T> {

    private Pagination pagination;
    private List<T> results;

    public Page() {
    }

    public Page(Pagination pagination, List<T> results) {
        this.pagination = pagination;
        this.results = results;
    }

    /** @return the paging information (may be null when the server omitted it) */
    public Pagination getPagination() {
        return pagination;
    }

    public void setPagination(Pagination pagination) {
        this.pagination = pagination;
    }

    /** @return the items of this page, never null */
    public List<T> getResults() {
        if (results == null) {
            results = new ArrayList<>();
        }
        return results;
    }

    public void setResults(List<T> results) {
        this.results = results;
    }

    /**
     * @return true when the server reports more results after this page (offset + results size < totalResults);
     *         false when it does not or when the pagination does not say
     */
    @JsonIgnore
    public boolean hasMore() {
        if (pagination == null || pagination.getTotalResults() == null) {
            return false;
        }
        int offset = pagination.getOffset() == null ? 0 : pagination.getOffset();
        int size = results == null ? 0 : results.size();
        return size > 0 && (long) offset + size < pagination.getTotalResults();
    }

    @Override
    public String toString() {
        return "Page[pagination=" + pagination + ", results=" + (results == null ? 0 : results.size()) + " item(s)]";
    }

    /** Paging information of a list answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Pagination {
        private Integer limit;
        private Integer offset;
        private Integer totalResults;

        public Pagination() {
        }

        public Pagination(Integer limit, Integer offset, Integer totalResults) {
            this.limit = limit;
            this.offset = offset;
            this.totalResults = totalResults;
        }

        /** @return the page size asked for */
        public Integer getLimit() {
            return limit;
        }

        public void setLimit(Integer limit) {
            this.limit = limit;
        }

        /** @return the index of the first result of this page */
        public Integer getOffset() {
            return offset;
        }

        public void setOffset(Integer offset) {
            this.offset = offset;
        }

        /** @return the total number of results across all pages */
        public Integer getTotalResults() {
            return totalResults;
        }

        public void setTotalResults(Integer totalResults) {
            this.totalResults = totalResults;
        }

        @Override
        public String toString() {
            return "Pagination[limit=" + limit + ", offset=" + offset + ", totalResults=" + totalResults + "]";
        }
    }
}
