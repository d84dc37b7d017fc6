"""Step 1 of the build: read every catalogue file with positions, validate it, assemble the model."""
