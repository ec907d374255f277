# Python, before: one stage on the -builder image. pip, the compilers wheels may need and
# the whole build context ship next to the application.
FROM cleanstart-python:3.11-builder
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 65532
CMD ["python", "-m", "src.main"]
