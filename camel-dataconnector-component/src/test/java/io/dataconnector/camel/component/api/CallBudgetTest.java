package io.dataconnector.camel.component.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallBudgetTest {

    @Test
    void theCallBeyondTheBudgetWaitsForTheWindowToMove() throws Exception {
        CallBudget budget = new CallBudget(3, Duration.ofMillis(500));
        long start = System.nanoTime();
        budget.acquire();
        budget.acquire();
        budget.acquire();
        long afterThree = System.nanoTime();
        budget.acquire();
        long afterFour = System.nanoTime();

        assertThat(Duration.ofNanos(afterThree - start)).isLessThan(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(afterFour - start)).isGreaterThanOrEqualTo(Duration.ofMillis(490));
        assertThat(budget.callsInWindow()).isBetween(1, 3);
    }

    @Test
    void aNonPositiveBudgetIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CallBudget(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callsPerMinute");
    }
}
