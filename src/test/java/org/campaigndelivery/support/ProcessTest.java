package org.campaigndelivery.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A process test: the whole application as {@link ApplicationTest} starts it, the job
 * executor off (the `test` profile) so that the test drives each job, camunda-bpm-assert
 * bound to the application's engine before each test, and no engine user left
 * authenticated after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApplicationTest
@ExtendWith(ProcessTestExtension.class)
public @interface ProcessTest {

}
