package dev.keysmith.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * Scandium's DTLS connector, noting the largest datagram it sends: evidence that the
 * limit held.
 */
final class MeasuringDtlsConnector extends DTLSConnector {

	private final AtomicInteger largest = new AtomicInteger();

	MeasuringDtlsConnector(DtlsConnectorConfig config) {
		super(config);
	}

	@Override
	protected void sendNextDatagramOverNetwork(DatagramPacket datagram) throws IOException {
		this.largest.accumulateAndGet(datagram.getLength(), Math::max);
		super.sendNextDatagramOverNetwork(datagram);
	}

	/** The UDP payload of the largest datagram sent so far, in bytes. */
	int largestDatagram() {
		return this.largest.get();
	}

}
