namespace ElectionGraph.Domain;

public enum Nation { England, Scotland, Wales, NorthernIreland }
