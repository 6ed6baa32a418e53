"""The parts of bench/cluster.py: its processes (processes.py, services.py), the data it
prepares and reads in PostgreSQL (data.py), its HTTP clients (load.py) and the four
scenarios (scenarios.py)."""
