FROM cleanstart-python:3.11-builder AS builder
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY src/ ./src/

FROM cleanstart-python:3.11-prod
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app/src ./src
ENV PATH=/opt/venv/bin:$PATH
USER 65532
CMD ["python", "-m", "src.api"]
