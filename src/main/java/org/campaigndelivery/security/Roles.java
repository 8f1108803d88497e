package org.campaigndelivery.security;

/** The Camunda groups that carry the product's roles. */
public final class Roles {

	/** "Prepare deliveries": create, prepare and read deliveries. */
	public static final String PREPARERS = "delivery-preparers";

	/** Complete approval tasks. */
	public static final String APPROVERS = "delivery-approvers";

	/** "Start deliveries": what preparers may, plus confirming a send. */
	public static final String STARTERS = "delivery-starters";

	/** Post MTA feedback events. */
	public static final String MTA = "delivery-mta";

	/** Camunda's administrators' group: everything, Cockpit and Admin included. */
	public static final String ADMINS = "camunda-admin";

	private Roles() {
	}

}
